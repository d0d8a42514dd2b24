using System.Diagnostics;

namespace Haven.Testing.Tests;

public sealed class ProcessRunnerTests
{
    [Fact]
    public async Task Captures_output_and_exit_code()
    {
        var result = await ProcessRunner.RunAsync("sh", ["-c", "echo out; echo err >&2; exit 3"]);

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Equal("out", result.StandardOutput.Trim());
        Assert.Equal("err", result.StandardError.Trim());
        var failure = Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
        Assert.Contains("exited with code 3", failure.Message, StringComparison.Ordinal);
        Assert.Contains("err", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kills_a_command_that_runs_past_its_timeout()
    {
        var stopwatch = Stopwatch.StartNew();

        var result = await ProcessRunner.RunAsync("sleep", ["30"], new ProcessRunOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        Assert.True(result.TimedOut);
        Assert.Equal(-1, result.ExitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public async Task Passes_environment_and_standard_input_but_never_reports_environment_values()
    {
        var result = await ProcessRunner.RunAsync(
            "sh",
            ["-c", "read line; echo \"$line-$HAVEN_TEST_VALUE\"; exit 1"],
            new ProcessRunOptions
            {
                StandardInput = "hello\n",
                Environment = new Dictionary<string, string?> { ["HAVEN_TEST_VALUE"] = "s3cret-value" },
            });

        Assert.Equal("hello-s3cret-value", result.StandardOutput.Trim());
        Assert.DoesNotContain("s3cret-value", result.Command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hidden_arguments_stay_out_of_the_command_and_error_message()
    {
        var result = await ProcessRunner.RunAsync("sh", ["-c", "exit 2", "password=hunter2"], new ProcessRunOptions { HideArguments = true });

        Assert.Equal("sh", result.Command);
        var failure = Assert.Throws<InvalidOperationException>(() => result.EnsureSuccess());
        Assert.DoesNotContain("hunter2", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_program_is_reported_as_a_missing_dependency()
    {
        var failure = await Assert.ThrowsAsync<TestDependencyMissingException>(
            () => ProcessRunner.RunAsync("haven-no-such-program", []));

        Assert.Contains("haven-no-such-program", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Finds_programs_on_path()
    {
        Assert.Equal("sh", Path.GetFileName(ProcessRunner.FindOnPath("sh")));
        Assert.Null(ProcessRunner.FindOnPath("haven-no-such-program"));
    }
}
