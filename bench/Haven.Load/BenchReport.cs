using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Haven.Load;

/// <summary>One measurement window at one offered rate against one target.</summary>
public sealed record RunResult(
    string Target,
    double OfferedPerSecond,
    double DurationSeconds,
    long Sent,
    long Delivered,
    double DeliveredPerSecond,
    double ThroughputPerSecond,
    long Failed,
    long Shed,
    long Lost,
    double P50Ms,
    double P95Ms,
    double P99Ms,
    double P999Ms,
    double MaxMs,
    double SendLagP99Ms,
    double ServerCpuPercent,
    double ServerCpuMsPerThousand,
    double ServerRssMeanMb,
    double ServerRssPeakMb,
    double GeneratorCpuPercent,
    double MachineBusyPercent,
    double OtherCpuPercent,
    bool KeptUp,
    IReadOnlyList<string> Errors,
    IReadOnlyList<LatencyPoint> LatencyCurve);

public sealed record LatencyPoint(double Percentile, double Ms);

/// <summary>The highest throughput seen at any offered rate (the steps and the equal-load run).</summary>
public sealed record SaturationResult(string Target, double MaxThroughputPerSecond, double HighestKeptUpOfferedPerSecond, IReadOnlyList<RunResult> Steps);

public sealed record IdleResult(string Target, int Requested, int Connected, double RssBeforeMb, double RssAfterMb, double BytesPerConnection, double IdleCpuPercent);

public sealed record TargetResult(string Target, string Description, RunResult? EqualLoad, SaturationResult? Saturation, IdleResult? Idle, string? Error);

public sealed record Ratio(string Name, double? Value, string Meaning);

public sealed record BenchReport(
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    string Machine,
    string LoadAverageBefore,
    string LoadAverageAfter,
    string CommandLine,
    LoadOptionsSummary Options,
    IReadOnlyList<TargetResult> Targets,
    IReadOnlyList<Ratio> Ratios)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a report back, recomputing what is derived (saturation maxima, ratios) with today's rules.</summary>
    public static BenchReport FromJson(string json)
    {
        var report = JsonSerializer.Deserialize<BenchReport>(json, Json) ?? throw new InvalidDataException("results.json holds no report");
        var targets = report.Targets.Select(t => t with { EqualLoad = LostAsTimeouts(t.EqualLoad) })
            .Select(t => t.Saturation is not { Steps.Count: > 0 } saturation ? t : t with
            {
                Saturation = saturation with
                {
                    Steps = [.. saturation.Steps.Select(s => LostAsTimeouts(s)!)],
                    MaxThroughputPerSecond = Math.Max(t.EqualLoad?.ThroughputPerSecond ?? 0, saturation.Steps.Max(s => s.ThroughputPerSecond)),
                },
            }).ToList();
        return report with { Targets = targets, Ratios = ComputeRatios(targets) };
    }

    /// <summary>For reports written before percentiles counted undelivered messages: those reaching into them become NaN.</summary>
    private static RunResult? LostAsTimeouts(RunResult? r)
    {
        if (r is null)
            return null;
        double Cut(double ms, double percentile) => r.Delivered < percentile / 100 * r.Sent ? double.NaN : ms;
        return r with
        {
            P50Ms = Cut(r.P50Ms, 50),
            P95Ms = Cut(r.P95Ms, 95),
            P99Ms = Cut(r.P99Ms, 99),
            P999Ms = Cut(r.P999Ms, 99.9),
            MaxMs = r.Delivered == 0 ? double.NaN : r.MaxMs,
        };
    }

    /// <summary>Writes results.json, results.md and latency.svg into <paramref name="directory"/>.</summary>
    public async Task WriteAsync(string directory, CancellationToken ct)
    {
        await File.WriteAllTextAsync(Path.Combine(directory, "results.json"), ToJson(), ct);
        await File.WriteAllTextAsync(Path.Combine(directory, "results.md"), ToMarkdown(), ct);
        await File.WriteAllTextAsync(Path.Combine(directory, "latency.svg"), LatencyPlot.Render(this), ct);
    }

    public TargetResult? For(string target) => Targets.FirstOrDefault(t => t.Target == target);

    public static IReadOnlyList<Ratio> ComputeRatios(IReadOnlyList<TargetResult> targets)
    {
        var haven = targets.FirstOrDefault(t => t.Target == "haven");
        var ratios = new List<Ratio>();
        foreach (var other in targets.Where(t => t.Target != "haven"))
        {
            var label = other.Target == "plain-signalr" ? "plain" : other.Target;
            ratios.Add(new($"Haven/{label} delivered msg/s at equal offered load",
                Divide(haven?.EqualLoad?.DeliveredPerSecond, other.EqualLoad?.DeliveredPerSecond), "1.0 = both delivered everything offered"));
            ratios.Add(new($"Haven/{label} p99 latency at equal offered load",
                Divide(haven?.EqualLoad?.P99Ms, other.EqualLoad?.P99Ms), "above 1 = Haven slower"));
            ratios.Add(new($"Haven/{label} server CPU per message at equal offered load",
                Divide(haven?.EqualLoad?.ServerCpuMsPerThousand, other.EqualLoad?.ServerCpuMsPerThousand), "above 1 = Haven costs more CPU"));
            ratios.Add(new($"Haven/{label} throughput at saturation",
                Divide(haven?.Saturation?.MaxThroughputPerSecond, other.Saturation?.MaxThroughputPerSecond), "highest throughput (msg/s reaching peers) at any offered rate"));
            ratios.Add(new($"Haven/{label} memory per idle connection",
                Divide(haven?.Idle?.BytesPerConnection, other.Idle?.BytesPerConnection), "above 1 = Haven uses more"));
        }

        if (targets.FirstOrDefault(t => t.Target == "durable-relay") is { } durable && targets.FirstOrDefault(t => t.Target == "plain-signalr") is { } plain)
        {
            ratios.Add(new("durable-relay/plain throughput at saturation",
                Divide(durable.Saturation?.MaxThroughputPerSecond, plain.Saturation?.MaxThroughputPerSecond), "what storing each message durably, and nothing else, leaves of the plain relay's ceiling"));
            ratios.Add(new("durable-relay/plain server CPU per message at equal offered load",
                Divide(durable.EqualLoad?.ServerCpuMsPerThousand, plain.EqualLoad?.ServerCpuMsPerThousand), "what storing alone adds to the relay's CPU per message"));
        }

        return ratios;
    }

    private static double? Divide(double? a, double? b) =>
        a is { } x && b is { } y && y > 0 && double.IsFinite(x) && double.IsFinite(y) ? Math.Round(x / y, 5) : null;

    /// <summary>Milliseconds, or "timeout" where the percentile reaches messages that never arrived.</summary>
    private static string Ms(double ms) => double.IsNaN(ms) ? "timeout" : ms.ToString("0.0", CultureInfo.InvariantCulture);

    public string ToMarkdown()
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Relay load benchmark, {StartedAt:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(inv, $"- Machine: {Machine}. **Server and load generator share this machine**; other work on it shows as \"other CPU\".");
        md.AppendLine(inv, $"- Load average (1/5/15 min) before: {LoadAverageBefore}; after: {LoadAverageAfter}.");
        md.AppendLine(inv, $"- Command: `{CommandLine}`");
        md.AppendLine(inv, $"- {Options.Pairs} conversations ({2 * Options.Pairs} clients, WebSockets), {Options.MessageLength}-character messages, {Options.ClientMessageIds ?? "random (version 4)"} client message ids, open-loop pacing; latency from scheduled send to the peer's receipt (same clock).");
        md.AppendLine();
        md.AppendLine(inv, $"## Equal offered load: {Options.Rate:0} msg/s for {Options.DurationSeconds:0} s (after {Options.WarmupSeconds:0} s warm-up)");
        md.AppendLine();
        md.AppendLine("Delivered = messages scheduled in the window that reached the peer (within the drain time after it); throughput = this run's messages reaching peers during the window, whenever scheduled.");
        md.AppendLine("Percentiles are over every message of the window; \"timeout\" = that percentile did not arrive within the drain time.");
        md.AppendLine();
        md.AppendLine("| target | delivered msg/s | throughput msg/s | p50 ms | p95 ms | p99 ms | p99.9 ms | max ms | failed | shed | lost | server CPU % | server CPU ms / 1k msg | server RSS MB (mean/peak) | generator CPU % | other CPU % | send lag p99 ms |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var t in Targets)
        {
            if (t.EqualLoad is { } r)
                md.AppendLine(inv, $"| {t.Target} | {r.DeliveredPerSecond:0} | {r.ThroughputPerSecond:0} | {Ms(r.P50Ms)} | {Ms(r.P95Ms)} | {Ms(r.P99Ms)} | {Ms(r.P999Ms)} | {Ms(r.MaxMs)} | {r.Failed} | {r.Shed} | {r.Lost} | {r.ServerCpuPercent:0} | {r.ServerCpuMsPerThousand:0} | {r.ServerRssMeanMb:0}/{r.ServerRssPeakMb:0} | {r.GeneratorCpuPercent:0} | {r.OtherCpuPercent:0} | {r.SendLagP99Ms:0.0} |");
            else if (t.Error is not null)
                md.AppendLine(inv, $"| {t.Target} | failed: {t.Error.ReplaceLineEndings(" ")} |");
        }
        md.AppendLine();

        if (Targets.Any(t => t.Saturation is not null))
        {
            md.AppendLine(inv, $"## Saturation: offered rate × {Options.SaturationFactor} per step from {Options.SaturationStart:0} msg/s, {Options.StepDurationSeconds:0} s per step; a step falls behind when delivered < {Options.KeepUpShare:P0} of offered, p99 > {Options.P99LimitMs:0} ms or more than 1 % failed");
            md.AppendLine();
            md.AppendLine("| target | max throughput msg/s | highest offered rate kept up | steps (offered → throughput, p99 ms, server CPU %) |");
            md.AppendLine("|---|---|---|---|");
            foreach (var t in Targets.Where(t => t.Saturation is not null))
            {
                var s = t.Saturation!;
                var steps = string.Join("; ", s.Steps.Select(x => string.Create(inv, $"{x.OfferedPerSecond:0} → {x.ThroughputPerSecond:0}, {Ms(x.P99Ms)}, {x.ServerCpuPercent:0}{(x.Sent < 0.99 * x.OfferedPerSecond * x.DurationSeconds ? $" (generator sent only {x.Sent / x.DurationSeconds:0}/s)" : "")}{(x.KeptUp ? "" : " ✗")}")));
                md.AppendLine(inv, $"| {t.Target} | {s.MaxThroughputPerSecond:0} | {s.HighestKeptUpOfferedPerSecond:0} | {steps} |");
            }
            md.AppendLine();
        }

        if (Targets.Any(t => t.Idle is not null))
        {
            md.AppendLine("## Idle connections");
            md.AppendLine();
            md.AppendLine("| target | requested | connected | server RSS before MB | server RSS after MB | bytes per connection | idle server CPU % |");
            md.AppendLine("|---|---|---|---|---|---|---|");
            foreach (var t in Targets.Where(t => t.Idle is not null))
            {
                var i = t.Idle!;
                md.AppendLine(inv, $"| {t.Target} | {i.Requested} | {i.Connected} | {i.RssBeforeMb:0} | {i.RssAfterMb:0} | {i.BytesPerConnection:0} | {i.IdleCpuPercent:0.0} |");
            }
            md.AppendLine();
        }

        md.AppendLine("## Ratios");
        md.AppendLine();
        md.AppendLine("| ratio | value | meaning |");
        md.AppendLine("|---|---|---|");
        foreach (var r in Ratios)
            md.AppendLine(inv, $"| {r.Name} | {(r.Value is { } v ? v.ToString(v >= 0.1 ? "0.00" : "0.####", inv) : "n/a")} | {r.Meaning} |");
        md.AppendLine();
        foreach (var t in Targets)
        {
            var errors = (t.EqualLoad?.Errors ?? []).Concat(t.Saturation?.Steps.SelectMany(s => s.Errors) ?? []).Distinct().Take(5).ToList();
            if (errors.Count > 0)
                md.AppendLine(inv, $"- {t.Target} errors: {string.Join("; ", errors)}");
        }
        md.AppendLine("Latency plot: latency.svg (latency by percentile at equal load; p99 and throughput against offered rate).");
        return md.ToString();
    }
}

public sealed record LoadOptionsSummary(int Pairs, double Rate, double DurationSeconds, double WarmupSeconds, int MessageLength,
    double SaturationStart, double SaturationFactor, double StepDurationSeconds, double P99LimitMs, double KeepUpShare, int Idle, string Database,
    string? ClientMessageIds = null)
{
    public static LoadOptionsSummary From(LoadOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Pairs, o.Rate, o.Duration.TotalSeconds, o.Warmup.TotalSeconds, o.MessageLength, o.Saturation ? o.SaturationStart : 0,
            o.SaturationFactor, o.StepDuration.TotalSeconds, o.P99LimitMs, o.KeepUpShare, o.Idle, o.HavenPostgres is null ? "SQLite" : "PostgreSQL",
            o.RandomClientIds ? "random (version 4)" : "time-ordered (version 7)");
    }
}
