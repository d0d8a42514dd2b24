using System.CommandLine;
using Haven.Load;

var pairs = new Option<int>("--pairs") { Description = "Conversations (two clients each, both sending).", DefaultValueFactory = _ => 50 };
var rate = new Option<double>("--rate") { Description = "Offered load for the equal-load comparison, msg/s over all clients.", DefaultValueFactory = _ => 2000 };
var duration = new Option<double>("--duration") { Description = "Measured seconds at the equal-load rate.", DefaultValueFactory = _ => 30 };
var warmup = new Option<double>("--warmup") { Description = "Warm-up seconds before each measurement (not recorded).", DefaultValueFactory = _ => 5 };
var length = new Option<int>("--message-length") { Description = "Characters of message text.", DefaultValueFactory = _ => 80 };
var targets = new Option<string>("--targets") { Description = "Comma-separated: haven, plain-signalr, socketio; also durable-relay (the plain relay storing each message where Haven does, SQLite or --haven-postgres, before its ack).", DefaultValueFactory = _ => string.Join(',', LoadOptions.AllTargets) };
var noSaturation = new Option<bool>("--no-saturation") { Description = "Skip stepping the rate up to saturation." };
var satStart = new Option<double>("--sat-start") { Description = "First offered rate of the saturation search, msg/s.", DefaultValueFactory = _ => 1000 };
var satFactor = new Option<double>("--sat-factor") { Description = "Multiplier between saturation steps.", DefaultValueFactory = _ => 1.5 };
var satSteps = new Option<int>("--sat-max-steps") { Description = "At most this many saturation steps.", DefaultValueFactory = _ => 12 };
var stepDuration = new Option<double>("--step-duration") { Description = "Measured seconds per saturation step.", DefaultValueFactory = _ => 8 };
var stepWarmup = new Option<double>("--step-warmup") { Description = "Warm-up seconds per saturation step.", DefaultValueFactory = _ => 2 };
var p99Limit = new Option<double>("--p99-limit-ms") { Description = "A step whose p99 exceeds this has fallen behind.", DefaultValueFactory = _ => 500 };
var drain = new Option<double>("--drain-timeout") { Description = "Seconds to wait for a window's messages after it ends.", DefaultValueFactory = _ => 5 };
var maxInFlight = new Option<long>("--max-in-flight") { Description = "Unacknowledged messages beyond which the generator sheds load.", DefaultValueFactory = _ => 50_000 };
var idle = new Option<int>("--idle") { Description = "Also hold this many idle connections per target and report memory per connection." };
var idleSettle = new Option<double>("--idle-settle") { Description = "Seconds to let idle connections settle before sampling.", DefaultValueFactory = _ => 10 };
var randomIds = new Option<bool>("--random-client-ids") { Description = "Send random (version 4) client message ids instead of time-ordered (version 7) ones, as Haven's own clients do." };
var socketIoClient = new Option<string>("--socketio-client") { Description = "raw: Haven.Load's Engine.IO client; library: the SocketIOClient package.", DefaultValueFactory = _ => "raw" };
socketIoClient.AcceptOnlyFromAmong("raw", "library");
var output = new Option<string?>("--out") { Description = "Output folder for results.json, results.md, latency.svg (default bench/results/<UTC time>)." };
var render = new Option<string?>("--render") { Description = "Only re-render results.md and latency.svg from the results.json in this folder." };
var postgres = new Option<string?>("--haven-postgres") { Description = "Run Haven on this PostgreSQL connection string instead of SQLite in a temp folder." };
var repo = new Option<string?>("--repo") { Description = "Repository root (default: found above this program)." };
var configuration = new Option<string?>("--configuration") { Description = "Build configuration of Haven.Server and PlainRelay to run (default: this program's)." };

var root = new RootCommand("Haven relay load benchmark: Haven against a plain SignalR relay and a socket.io relay on this machine.")
{
    pairs, rate, duration, warmup, length, targets, noSaturation, satStart, satFactor, satSteps, stepDuration, stepWarmup,
    p99Limit, drain, maxInFlight, idle, idleSettle, randomIds, socketIoClient, output, render, postgres, repo, configuration,
};
root.SetAction(async (parse, ct) =>
{
    if (parse.GetValue(render) is { } folder)
    {
        var rendered = BenchReport.FromJson(await File.ReadAllTextAsync(Path.Combine(folder, "results.json"), ct));
        await rendered.WriteAsync(folder, ct);
        return 0;
    }
    var defaults = new LoadOptions();
    var options = new LoadOptions
    {
        Pairs = parse.GetValue(pairs),
        Rate = parse.GetValue(rate),
        Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
        Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
        MessageLength = parse.GetValue(length),
        Targets = parse.GetValue(targets)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        Saturation = !parse.GetValue(noSaturation),
        SaturationStart = parse.GetValue(satStart),
        SaturationFactor = parse.GetValue(satFactor),
        SaturationMaxSteps = parse.GetValue(satSteps),
        StepDuration = TimeSpan.FromSeconds(parse.GetValue(stepDuration)),
        StepWarmup = TimeSpan.FromSeconds(parse.GetValue(stepWarmup)),
        P99LimitMs = parse.GetValue(p99Limit),
        DrainTimeout = TimeSpan.FromSeconds(parse.GetValue(drain)),
        MaxInFlight = parse.GetValue(maxInFlight),
        Idle = parse.GetValue(idle),
        IdleSettle = TimeSpan.FromSeconds(parse.GetValue(idleSettle)),
        SocketIoLibraryClient = parse.GetValue(socketIoClient) == "library",
        RandomClientIds = parse.GetValue(randomIds),
        OutputDirectory = parse.GetValue(output) ?? defaults.OutputDirectory,
        HavenPostgres = parse.GetValue(postgres),
        RepoRoot = parse.GetValue(repo),
        Configuration = parse.GetValue(configuration),
        CommandLine = CommandLine(args),
    };
    try
    {
        await LoadBenchmark.RunAsync(options, parse.InvocationConfiguration.Output, ct);
        return 0;
    }
    catch (Exception e) when (e is InvalidOperationException or FileNotFoundException or TimeoutException or ArgumentException)
    {
        await parse.InvocationConfiguration.Error.WriteLineAsync($"haven load: {e.Message}");
        return 1;
    }
});
return await root.Parse(args).InvokeAsync();

// The report shows the command line; a PostgreSQL connection string may hold a password.
static string CommandLine(string[] args) =>
    "haven-load " + string.Join(' ', args.Select((a, i) => i > 0 && args[i - 1] == "--haven-postgres" ? "'<connection string>'"
        : a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a));
