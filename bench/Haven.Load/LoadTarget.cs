namespace Haven.Load;

/// <summary>One server under test: started as a child process, then driven by clients in this process.</summary>
public abstract class LoadTarget : IAsyncDisposable
{
    /// <summary>Short stable name used in output: haven, plain-signalr, socketio, durable-relay.</summary>
    public abstract string Name { get; }

    public abstract string Description { get; }

    public ServerProcess Server => _server ?? throw new InvalidOperationException("Start the target first.");

    private ServerProcess? _server;
    private readonly List<IAsyncDisposable> _connections = [];

    private Func<Task<ServerProcess>>? _launch;

    /// <summary>Starts the server through <paramref name="launch"/>, kept for <see cref="RestartAsync"/>.</summary>
    protected async Task LaunchAsync(Func<Task<ServerProcess>> launch)
    {
        _launch = launch;
        _server = await launch();
    }

    /// <summary>
    /// Closes the clients, kills the server and starts it again on the same data: a server that fell
    /// behind still works through its backlog for a while, which would leak into the next measurement.
    /// </summary>
    public async Task RestartAsync()
    {
        await DisconnectAllAsync();
        if (_server is not null)
            await _server.DisposeAsync();
        _server = null;
        _server = await (_launch ?? throw new InvalidOperationException("Start the target first."))();
    }

    protected void Track(IAsyncDisposable connection)
    {
        lock (_connections)
            _connections.Add(connection);
    }

    public abstract Task StartAsync(BenchEnvironment environment, CancellationToken ct);

    /// <summary>Connects 2 × <paramref name="pairs"/> clients; client 2i and 2i+1 talk to each other.</summary>
    public abstract Task<IReadOnlyList<ILoadClient>> ConnectPairsAsync(int pairs, LoadMeter meter, CancellationToken ct);

    /// <summary>Creates what <paramref name="count"/> idle connections need before the baseline is sampled.</summary>
    public virtual Task PrepareIdleAsync(int count, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Opens <paramref name="count"/> connections that only stay connected; returns how many succeeded.</summary>
    public abstract Task<int> ConnectIdleAsync(int count, CancellationToken ct);

    /// <summary>Closes the clients opened so far, keeping the server running.</summary>
    public async Task DisconnectAllAsync()
    {
        IAsyncDisposable[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
            _connections.Clear();
        }
        foreach (var chunk in connections.Chunk(64))
            await Task.WhenAll(chunk.Select(async c =>
            {
                try
                {
                    await c.DisposeAsync();
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or System.Net.WebSockets.WebSocketException or InvalidOperationException)
                {
                    // The server may already be gone; nothing to close.
                }
            }));
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAllAsync();
        if (_server is not null)
            await _server.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs <paramref name="work"/> for 0..count-1 with at most <paramref name="parallelism"/> at once.</summary>
    protected static Task ForEachAsync(int count, int parallelism, CancellationToken ct, Func<int, CancellationToken, ValueTask> work) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, work);
}
