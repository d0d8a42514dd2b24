using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Load;

/// <summary>
/// bench/PlainRelay: one SignalR hub over MessagePack, relay to the peer's group and ack; the ceiling. As
/// <c>durable-relay</c> the same relay first stores each message in SQLite (group commit, ack after the commit): what
/// durable storage alone costs, the floor under any path that never loses an acknowledged message. It stores where Haven
/// does: SQLite in the scratch folder, or with <c>--haven-postgres</c> a table of its own in that database.
/// </summary>
public sealed class PlainRelayTarget(int messageLength, bool randomClientIds = false, bool durable = false) : LoadTarget
{
    public override string Name => durable ? "durable-relay" : "plain-signalr";

    public override string Description => durable
        ? "the plain relay plus group commit where Haven stores (SQLite WAL with synchronous FULL, or PostgreSQL), ack and relay after the commit; no auth, no checks"
        : "minimal SignalR hub: no auth, no storage; relay to peer group, ack";

    public override async Task StartAsync(BenchEnvironment environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(environment.PlainRelayDll))
            throw new FileNotFoundException($"Build bench/PlainRelay first (dotnet build -c {environment.Configuration}).", environment.PlainRelayDll);
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
        };
        if (durable)
        {
            // Where Haven stores: the same PostgreSQL (its own table), or a SQLite file kept across restarts, as Haven's data is.
            if (environment.HavenPostgres is { } postgres)
                env["Relay__Postgres"] = postgres;
            else
                env["Relay__Store"] = Path.Combine(environment.ScratchDirectory, "durable-relay.db");
        }
        await LaunchAsync(() =>
        {
            var port = ServerProcess.FreeLoopbackPort();
            return ServerProcess.StartAsync(BenchEnvironment.DotnetHost,
                [environment.PlainRelayDll, "--urls", $"http://127.0.0.1:{port}"], env,
                Path.GetDirectoryName(environment.PlainRelayDll)!, environment.LogPath(Name), port, "/health", TimeSpan.FromSeconds(60), ct);
        });
    }

    public override async Task<IReadOnlyList<ILoadClient>> ConnectPairsAsync(int pairs, LoadMeter meter, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var clients = new ILoadClient[2 * pairs];
        await ForEachAsync(2 * pairs, 16, ct, async (i, token) =>
        {
            var hub = Hub($"{run}-{i}");
            clients[i] = new RelayClient(hub, $"{run}-{i ^ 1}", meter, messageLength, randomClientIds);
            await hub.StartAsync(token);
            Track(hub);
        });
        return clients;
    }

    public override async Task<int> ConnectIdleAsync(int count, CancellationToken ct)
    {
        var connected = 0;
        await ForEachAsync(count, 32, ct, async (i, token) =>
        {
            var hub = Hub($"idle-{i}");
            try
            {
                await hub.StartAsync(token);
                Track(hub);
                Interlocked.Increment(ref connected);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or System.Net.WebSockets.WebSocketException or TimeoutException)
            {
                await hub.DisposeAsync();
            }
        });
        return connected;
    }

    private HubConnection Hub(string id) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, $"/hubs/relay?client={id}"), HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .AddMessagePackProtocol()
            .Build();

    private sealed class RelayClient : ILoadClient
    {
        private readonly HubConnection _hub;
        private readonly string _peer;
        private readonly LoadMeter _meter;
        private readonly int _length;
        private readonly bool _randomIds;

        public RelayClient(HubConnection hub, string peer, LoadMeter meter, int length, bool randomIds)
        {
            _randomIds = randomIds;
            _hub = hub;
            _peer = peer;
            _meter = meter;
            _length = length;
            hub.On<RelayDeliveryDto>("Receive", m => meter.Delivered(Payload.Parse(m.Text)));
        }

        public void Send(long scheduled)
        {
            _meter.Sending(scheduled, System.Diagnostics.Stopwatch.GetTimestamp());
            _ = AwaitAckAsync(_hub.InvokeAsync<RelayAckDto>("Send", new RelayMessageDto(_peer, Payload.ClientMessageId(_randomIds), Payload.Text(scheduled, _length))), scheduled);
        }

        private async Task AwaitAckAsync(Task<RelayAckDto> ack, long scheduled)
        {
            try
            {
                await ack;
                _meter.Acked(scheduled);
            }
            catch (Exception e)
            {
                _meter.Failed(scheduled, e);
            }
        }
    }
}

// Wire shapes of bench/PlainRelay/RelayHub.cs.
public sealed record RelayMessageDto(string To, Guid Id, string Text);

public sealed record RelayDeliveryDto(Guid Id, string Text);

public sealed record RelayAckDto(Guid Id);
