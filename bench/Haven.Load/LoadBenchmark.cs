using System.Diagnostics;
using HdrHistogram;

namespace Haven.Load;

/// <summary>
/// Runs the targets one after another on this machine: start the server as a child process,
/// connect the clients, measure at the equal offered rate, step the rate up to saturation,
/// optionally hold idle connections; then write results.json, results.md and latency.svg.
/// </summary>
public static class LoadBenchmark
{
    public static async Task<BenchReport> RunAsync(LoadOptions options, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var unknown = options.Targets.Except(LoadOptions.KnownTargets).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"unknown target(s): {string.Join(", ", unknown)}; known: {string.Join(", ", LoadOptions.KnownTargets)}");

        var output = Directory.CreateDirectory(Path.GetFullPath(options.OutputDirectory)).FullName;
        Directory.CreateDirectory(Path.Combine(output, "logs"));
        var scratch = Directory.CreateTempSubdirectory("haven-load-").FullName;
        var environment = new BenchEnvironment(options.RepoRoot ?? BenchEnvironment.FindRepoRoot(),
            options.Configuration ?? BenchEnvironment.BuildConfiguration, output, scratch, options.HavenPostgres);

        var startedAt = DateTimeOffset.UtcNow;
        var loadBefore = MachineSample.LoadAverage();
        await log.WriteLineAsync($"haven load: {options.Targets.Count} target(s), {options.Pairs} pairs, {options.Rate:0} msg/s, output {output}");
        await log.WriteLineAsync($"machine: {Machine()}; load average {loadBefore}");

        var results = new List<TargetResult>();
        try
        {
            foreach (var name in options.Targets)
                results.Add(await RunTargetAsync(name, options, environment, log, ct));
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // A child may still hold a file for a moment; the temp folder is cleaned by the OS.
            }
        }

        var report = new BenchReport(startedAt, DateTimeOffset.UtcNow, Machine(), loadBefore, MachineSample.LoadAverage(),
            options.CommandLine, LoadOptionsSummary.From(options), results, BenchReport.ComputeRatios(results));
        await report.WriteAsync(output, ct);
        await log.WriteLineAsync();
        await log.WriteLineAsync(report.ToMarkdown());
        return report;
    }

    private static LoadTarget Create(string name, LoadOptions options) => name switch
    {
        "haven" => new HavenTarget(options.MessageLength, options.RandomClientIds),
        "plain-signalr" => new PlainRelayTarget(options.MessageLength, options.RandomClientIds),
        "durable-relay" => new PlainRelayTarget(options.MessageLength, options.RandomClientIds, durable: true),
        "socketio" => new SocketIoTarget(options.MessageLength, options.SocketIoLibraryClient),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown target"),
    };

    private static async Task<TargetResult> RunTargetAsync(string name, LoadOptions options, BenchEnvironment environment, TextWriter log, CancellationToken ct)
    {
        await using var target = Create(name, options);
        await log.WriteLineAsync($"[{name}] starting server");
        await target.StartAsync(environment, ct);
        await log.WriteLineAsync($"[{name}] pid {target.Server.Pid} at {target.Server.BaseAddress}");

        RunResult? equal = null;
        SaturationResult? saturation = null;
        IdleResult? idle = null;
        if (options.Pairs > 0 && options.Rate > 0)
        {
            var meter = new LoadMeter();
            await log.WriteLineAsync($"[{name}] connecting {2 * options.Pairs} clients");
            var clients = await target.ConnectPairsAsync(options.Pairs, meter, ct);

            equal = await MeasureAsync(target, clients, meter, options.Rate, options.Warmup, options.Duration, options, ct);
            await log.WriteLineAsync($"[{name}] {Describe(equal)}");
            if (!equal.KeptUp)
                clients = await RestartAsync(target, options, meter, log, ct);

            if (options.Saturation)
            {
                var steps = new List<RunResult>();
                var rate = options.SaturationStart;
                for (var i = 0; i < options.SaturationMaxSteps && !target.Server.HasExited; i++, rate *= options.SaturationFactor)
                {
                    var step = await MeasureAsync(target, clients, meter, rate, options.StepWarmup, options.StepDuration, options, ct);
                    await log.WriteLineAsync($"[{name}] step {Describe(step)}");
                    if (!step.KeptUp && step.DeliveredPerSecond >= options.KeepUpShare * rate)
                    {
                        // Only the latency limit failed: on a shared machine one stall can do that, so a
                        // step that delivered everything gets one more try before it counts as saturation.
                        step = await MeasureAsync(target, clients, meter, rate, options.StepWarmup, options.StepDuration, options, ct);
                        await log.WriteLineAsync($"[{name}] step again {Describe(step)}");
                    }
                    steps.Add(step with { LatencyCurve = [] });
                    if (!step.KeptUp)
                        break;
                }
                saturation = new SaturationResult(name, Math.Max(equal.ThroughputPerSecond, steps.Max(s => s.ThroughputPerSecond)),
                    steps.Where(s => s.KeptUp).Select(s => s.OfferedPerSecond).DefaultIfEmpty(0).Max(), steps);
            }
            await target.DisconnectAllAsync();
        }

        if (options.Idle > 0)
        {
            if (options.Pairs > 0 && options.Rate > 0)
            {
                // A server that was just overloaded hands memory back to the system over the next seconds, which
                // would read as negative bytes per idle connection: measure on a fresh process (same data).
                await log.WriteLineAsync($"[{name}] idle: restarting the server first");
                await target.RestartAsync();
            }

            idle = await MeasureIdleAsync(target, options, log, ct);
            await log.WriteLineAsync($"[{name}] idle: {idle.Connected}/{idle.Requested} connected, {idle.BytesPerConnection:0} bytes per connection, idle CPU {idle.IdleCpuPercent:0.0} %");
        }
        return new TargetResult(name, target.Description, equal, saturation, idle, target.Server.HasExited ? "the server exited during the run" : null);
    }

    /// <summary>
    /// A target that fell behind still works through its backlog for a while, which would leak into the
    /// next measurement: restart its server on the same data and connect fresh clients.
    /// </summary>
    private static async Task<IReadOnlyList<ILoadClient>> RestartAsync(LoadTarget target, LoadOptions options, LoadMeter meter, TextWriter log, CancellationToken ct)
    {
        await log.WriteLineAsync($"[{target.Name}] fell behind: restarting the server to drop its backlog");
        await target.RestartAsync();
        meter.ResetInFlight();
        return await target.ConnectPairsAsync(options.Pairs, meter, ct);
    }

    private static string Describe(RunResult r) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"offered {r.OfferedPerSecond:0}/s → delivered {r.DeliveredPerSecond:0}/s, throughput {r.ThroughputPerSecond:0}/s, p50 {r.P50Ms:0.0} p99 {r.P99Ms:0.0} max {r.MaxMs:0.0} ms, failed {r.Failed}, shed {r.Shed}, lost {r.Lost}, server CPU {r.ServerCpuPercent:0} %, RSS {r.ServerRssPeakMb:0} MB{(r.KeptUp ? "" : " (fell behind)")}{(r.Errors.Count > 0 ? "; errors: " + string.Join("; ", r.Errors) : "")}");

    private static async Task<RunResult> MeasureAsync(LoadTarget target, IReadOnlyList<ILoadClient> clients, LoadMeter meter,
        double rate, TimeSpan warmup, TimeSpan duration, LoadOptions options, CancellationToken ct)
    {
        await Pacer.QuiesceAsync(meter, TimeSpan.FromSeconds(15), ct);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = SampleAsync(target.Server, warmup, duration, sampling.Token);
        var counts = await Pacer.RunAsync(clients, meter, rate, warmup, duration, options.DrainTimeout, options.MaxInFlight, ct);
        var usage = await sampler;

        var seconds = duration.TotalSeconds;
        var latency = counts.Latency;
        var delivered = counts.Delivered;
        var deliveredPerSecond = delivered / seconds;
        var p99 = Ms(latency, 99, counts.Sent);
        var keptUp = deliveredPerSecond >= options.KeepUpShare * rate && p99 <= options.P99LimitMs && counts.Failed + counts.Shed <= 0.01 * Math.Max(1, counts.Sent);
        // Per message the server actually moved in the window (an overloaded one still works on old ones).
        var cpuPerThousand = counts.Observed == 0 ? 0 : usage.ServerCpuPercent / 100 * seconds * 1000 / counts.Observed * 1000;
        return new RunResult(target.Name, rate, seconds, counts.Sent, delivered, deliveredPerSecond, counts.Observed / seconds, counts.Failed, counts.Shed,
            Math.Max(0, counts.Sent - delivered - counts.Failed - counts.Shed),
            Ms(latency, 50, counts.Sent), Ms(latency, 95, counts.Sent), p99, Ms(latency, 99.9, counts.Sent), latency.TotalCount == 0 ? double.NaN : latency.GetMaxValue() / 1000.0,
            Ms(counts.SendLag, 99), usage.ServerCpuPercent, cpuPerThousand, usage.RssMeanMb, usage.RssPeakMb,
            usage.GeneratorCpuPercent, usage.MachineBusyPercent,
            Math.Max(0, usage.MachineBusyPercent - usage.ServerCpuPercent - usage.GeneratorCpuPercent), keptUp, counts.ErrorSamples, Curve(latency));
    }

    /// <summary>
    /// Latency at <paramref name="percentile"/> over every message of the window: the ones that never
    /// arrived (lost, failed, shed) rank behind all that did, so a percentile reaching into them is NaN
    /// ("did not arrive within the drain time") rather than a flattering figure.
    /// </summary>
    private static double Ms(HistogramBase histogram, double percentile, long sent)
    {
        var delivered = histogram.TotalCount;
        var rank = percentile / 100 * Math.Max(sent, delivered);
        if (delivered == 0 || rank > delivered)
            return double.NaN;
        return histogram.GetValueAtPercentile(Math.Min(100, rank / delivered * 100)) / 1000.0;
    }

    private static double Ms(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;

    /// <summary>Latency at percentiles spaced evenly in "nines" (0, 90, 99, 99.9 …), for the plot.</summary>
    private static List<LatencyPoint> Curve(HistogramBase histogram)
    {
        var points = new List<LatencyPoint>();
        if (histogram.TotalCount == 0)
            return points;
        for (var nines = 0.0; nines <= 4.0001; nines += 0.125)
        {
            var percentile = 100 * (1 - Math.Pow(10, -nines));
            points.Add(new LatencyPoint(Math.Round(percentile, 4), histogram.GetValueAtPercentile(percentile) / 1000.0));
        }
        return points;
    }

    private sealed record Usage(double ServerCpuPercent, double RssMeanMb, double RssPeakMb, double GeneratorCpuPercent, double MachineBusyPercent);

    /// <summary>Server CPU and RSS, this process's CPU and the machine's busy share over the measured window.</summary>
    private static async Task<Usage> SampleAsync(ServerProcess server, TimeSpan warmup, TimeSpan duration, CancellationToken ct)
    {
        await Task.Delay(warmup, ct);
        var self = Process.GetCurrentProcess();
        var selfCpu = self.TotalProcessorTime;
        var first = server.Sample();
        var machine = MachineSample.Read();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long rssSum = first.RssBytes, rssPeak = first.RssBytes, samples = 1;
        while (Stopwatch.GetTimestamp() < end)
        {
            await Task.Delay(250, ct);
            var sample = server.Sample();
            rssSum += sample.RssBytes;
            rssPeak = Math.Max(rssPeak, sample.RssBytes);
            samples++;
        }
        var last = server.Sample();
        var machineLast = MachineSample.Read();
        self.Refresh();
        var seconds = (last.Timestamp - first.Timestamp) / (double)Stopwatch.Frequency;
        return new Usage(ProcSample.CpuPercent(first, last), rssSum / (double)samples / 1048576, rssPeak / 1048576.0,
            (self.TotalProcessorTime - selfCpu).TotalSeconds / seconds * 100, MachineSample.BusyPercent(machine, machineLast));
    }

    private static async Task<IdleResult> MeasureIdleAsync(LoadTarget target, LoadOptions options, TextWriter log, CancellationToken ct)
    {
        await log.WriteLineAsync($"[{target.Name}] idle: opening {options.Idle} connections");
        // Haven registers its members first, so "before" already holds what seeding allocated.
        await target.PrepareIdleAsync(options.Idle, ct);
        await Task.Delay(options.IdleSettle, ct);
        var before = await SteadyRssAsync(target.Server, options.IdleSettle, ct);
        var connected = await target.ConnectIdleAsync(options.Idle, ct);
        await Task.Delay(options.IdleSettle, ct);
        var cpuFrom = target.Server.Sample();
        var after = await SteadyRssAsync(target.Server, options.IdleSettle, ct);
        await Task.Delay(options.IdleSettle, ct);
        var cpuTo = target.Server.Sample();
        await target.DisconnectAllAsync();
        return new IdleResult(target.Name, options.Idle, connected, before / 1048576.0, after / 1048576.0,
            connected == 0 ? 0 : (after - before) / connected, ProcSample.CpuPercent(cpuFrom, cpuTo));
    }

    /// <summary>Mean RSS over eight samples spread across <paramref name="span"/>.</summary>
    private static async Task<double> SteadyRssAsync(ServerProcess server, TimeSpan span, CancellationToken ct)
    {
        double sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += server.Sample().RssBytes;
            await Task.Delay(span / 8, ct);
        }
        return sum / 8;
    }

    private static string Machine() =>
        $"{Environment.ProcessorCount} cores, {Environment.OSVersion.VersionString}, .NET {Environment.Version}, node {NodeVersion()}";

    private static string NodeVersion()
    {
        if (BenchEnvironment.FindOnPath("node") is not { } node)
            return "absent";
        try
        {
            using var process = Process.Start(new ProcessStartInfo(node, "--version") { RedirectStandardOutput = true, UseShellExecute = false });
            var version = process?.StandardOutput.ReadToEnd().Trim() ?? "";
            process?.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unusable";
        }
    }
}
