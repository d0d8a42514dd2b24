using System.Net;
using System.Net.Sockets;

namespace Haven.Testing.Tests;

public sealed class BackgroundProcessTests
{
    [Fact]
    public async Task Kill_ends_the_process_like_kill_9()
    {
        await using var child = BackgroundProcess.Start("sh", ["-c", "echo ready; exec sleep 60"]);
        await child.WaitForOutputAsync("ready", TimeSpan.FromSeconds(10));
        Assert.False(child.HasExited);

        child.Kill();
        var exitCode = await child.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.True(child.HasExited);
        Assert.Equal(128 + 9, exitCode);
    }

    [Fact]
    public async Task Stop_sends_sigterm_and_lets_the_process_finish()
    {
        await using var child = BackgroundProcess.Start("sh", ["-c", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.05; done"]);
        await child.WaitForOutputAsync("ready", TimeSpan.FromSeconds(10));

        await child.StopAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, child.ExitCode);
        Assert.Contains("bye", child.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_output_that_never_comes_reports_the_exit_and_output()
    {
        await using var child = BackgroundProcess.Start("sh", ["-c", "echo oops >&2; exit 4"]);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => child.WaitForOutputAsync("listening", TimeSpan.FromSeconds(10)));

        Assert.Contains("exited with code 4", failure.Message, StringComparison.Ordinal);
        Assert.Contains("oops", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waits_for_a_port_to_listen_and_times_out_when_none_does()
    {
        var port = FreePort.Next();
        using var listener = new TcpListener(IPAddress.Loopback, port);
        var opening = Task.Run(async () =>
        {
            await Task.Delay(200);
            listener.Start();
        });

        await BackgroundProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(10));
        await opening;

        await Assert.ThrowsAsync<TimeoutException>(() => BackgroundProcess.WaitForPortAsync(FreePort.Next(), TimeSpan.FromMilliseconds(300)));
    }
}
