using System.Text;
using System.Text.Json;
using Haven.Load;
using Xunit.Abstractions;

namespace Haven.Load.Tests;

/// <summary>
/// The relay benchmark for a few seconds at a low rate against all three targets (Haven, the plain
/// SignalR relay, the socket.io relay): it must deliver and write its reports. No timing assertions:
/// the full benchmark runs on demand (bench/README.md).
/// </summary>
public sealed class Load_benchmark_smoke(ITestOutputHelper output) : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("haven-load-test-");

    [Fact]
    public async Task Benchmark_delivers_through_all_three_relays_and_writes_json_markdown_and_plot()
    {
        Assert.True(BenchEnvironment.FindOnPath("node") is not null && BenchEnvironment.FindOnPath("npm") is not null,
            SocketIoTarget.MissingNodeMessage);
        var options = new LoadOptions
        {
            Pairs = 2,
            Rate = 40,
            Duration = TimeSpan.FromSeconds(1.5),
            Warmup = TimeSpan.FromSeconds(0.5),
            SaturationStart = 40,
            SaturationMaxSteps = 1,
            StepDuration = TimeSpan.FromSeconds(1),
            StepWarmup = TimeSpan.FromSeconds(0.25),
            DrainTimeout = TimeSpan.FromSeconds(10),
            Idle = 4,
            IdleSettle = TimeSpan.FromSeconds(0.4),
            OutputDirectory = _directory.FullName,
            CommandLine = "smoke test",
        };
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        BenchReport report;
        try
        {
            report = await LoadBenchmark.RunAsync(options, log, timeout.Token);
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        foreach (var name in LoadOptions.AllTargets)
        {
            var target = report.For(name);
            Assert.NotNull(target);
            Assert.Null(target.Error);
            Assert.True(target.EqualLoad!.Delivered > 0, $"{name} delivered nothing: {string.Join("; ", target.EqualLoad.Errors)}");
            Assert.Equal(0, target.EqualLoad.Failed);
            Assert.NotEmpty(target.Saturation!.Steps);
            Assert.Equal(options.Idle, target.Idle!.Connected);
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "results.json")));
        Assert.Equal(3, json.RootElement.GetProperty("targets").GetArrayLength());
        Assert.Contains(json.RootElement.GetProperty("ratios").EnumerateArray(),
            r => r.GetProperty("name").GetString() == "Haven/plain throughput at saturation" && r.TryGetProperty("value", out _));

        var markdown = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "results.md"));
        Assert.Contains("| haven |", markdown, StringComparison.Ordinal);
        Assert.Contains("| socketio |", markdown, StringComparison.Ordinal);
        Assert.Contains("Server and load generator share this machine", markdown, StringComparison.Ordinal);

        var svg = await File.ReadAllTextAsync(Path.Combine(_directory.FullName, "latency.svg"), Encoding.UTF8);
        Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
        Assert.Contains("<polyline", svg, StringComparison.Ordinal);
        Assert.Equal(3, System.Xml.Linq.XDocument.Parse(svg).Root!.Elements().Count(e => e.Name.LocalName == "g"));
    }

    [Fact]
    public async Task Socket_io_target_also_runs_with_the_SocketIOClient_package()
    {
        Assert.True(BenchEnvironment.FindOnPath("node") is not null && BenchEnvironment.FindOnPath("npm") is not null,
            SocketIoTarget.MissingNodeMessage);
        var options = new LoadOptions
        {
            Pairs = 2,
            Rate = 40,
            Duration = TimeSpan.FromSeconds(1.5),
            Warmup = TimeSpan.FromSeconds(0.5),
            Saturation = false,
            DrainTimeout = TimeSpan.FromSeconds(10),
            Targets = ["socketio"],
            SocketIoLibraryClient = true,
            OutputDirectory = _directory.FullName,
            CommandLine = "smoke test",
        };
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        BenchReport report;
        try
        {
            report = await LoadBenchmark.RunAsync(options, log, timeout.Token);
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        var run = report.For("socketio")!.EqualLoad!;
        Assert.True(run.Delivered > 0, $"socketio delivered nothing: {string.Join("; ", run.Errors)}");
        Assert.Equal(0, run.Failed);
        Assert.Contains("SocketIOClient", report.For("socketio")!.Description, StringComparison.Ordinal);
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
