namespace Haven.Load;

/// <summary>What to run. Defaults are the full on-demand benchmark (see bench/README.md).</summary>
public sealed record LoadOptions
{
    public static readonly IReadOnlyList<string> AllTargets = ["haven", "plain-signalr", "socketio"];

    /// <summary>Measured only when asked for: the plain relay with durable storage, to show what storing alone costs.</summary>
    public static readonly IReadOnlyList<string> OptionalTargets = ["durable-relay"];

    public static IEnumerable<string> KnownTargets => AllTargets.Concat(OptionalTargets);

    /// <summary>Conversations; each has two clients that both send, so clients = 2 × pairs.</summary>
    public int Pairs { get; init; } = 50;

    /// <summary>Offered load for the equal-load comparison, messages per second over all clients.</summary>
    public double Rate { get; init; } = 2000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Characters of message text (the timestamp included).</summary>
    public int MessageLength { get; init; } = 80;

    public IReadOnlyList<string> Targets { get; init; } = AllTargets;

    public bool Saturation { get; init; } = true;

    public double SaturationStart { get; init; } = 1000;

    public double SaturationFactor { get; init; } = 1.5;

    public int SaturationMaxSteps { get; init; } = 12;

    public TimeSpan StepDuration { get; init; } = TimeSpan.FromSeconds(8);

    public TimeSpan StepWarmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>A step whose p99 exceeds this (milliseconds) counts as saturated ("p99 explodes").</summary>
    public double P99LimitMs { get; init; } = 500;

    /// <summary>Share of the offered rate that must arrive for a step to count as keeping up.</summary>
    public double KeepUpShare { get; init; } = 0.95;

    /// <summary>How long after a window the generator waits for its messages to arrive.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Outstanding (unacknowledged) messages beyond which the generator sheds instead of sending.</summary>
    public long MaxInFlight { get; init; } = 50_000;

    /// <summary>
    /// Client message ids as random (version 4) GUIDs instead of time-ordered (version 7) ones, which Haven's own clients
    /// send: random ids land all over the stores' (sender, client id) index, which costs SQLite far more per message.
    /// </summary>
    public bool RandomClientIds { get; init; }

    /// <summary>Drive socket.io with the SocketIOClient package instead of Haven.Load's own Engine.IO client.</summary>
    public bool SocketIoLibraryClient { get; init; }

    /// <summary>When above zero, also measure this many idle connections per target.</summary>
    public int Idle { get; init; }

    public TimeSpan IdleSettle { get; init; } = TimeSpan.FromSeconds(10);

    public string OutputDirectory { get; init; } = Path.Combine("bench", "results", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Runs Haven on this PostgreSQL database instead of SQLite in a temporary folder.</summary>
    public string? HavenPostgres { get; init; }

    public string? RepoRoot { get; init; }

    public string? Configuration { get; init; }

    /// <summary>The command line as given, for the report.</summary>
    public string CommandLine { get; init; } = "";
}
