using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Load;

/// <summary>
/// The real Haven.Server (Production environment, SQLite in the scratch folder or a given PostgreSQL):
/// members registered and connected in pairs through the HTTP API, messages through the chat hub over
/// MessagePack with the full path (auth, consent check, gates, storage, ack).
/// </summary>
public sealed class HavenTarget(int messageLength, bool randomClientIds = false) : LoadTarget
{
    private const string Password = "load bench correct horse battery";
    private readonly List<Member> _idleMembers = [];
    private readonly AgeCredentialIssuer _issuer = new();
    private (Member[] Members, Guid[] Conversations)? _pairs;

    public override string Name => "haven";

    public override string Description => "Haven.Server: auth, consent check, message gates, encrypted storage, ack";

    public override async Task StartAsync(BenchEnvironment environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!File.Exists(environment.HavenServerDll))
            throw new FileNotFoundException($"Build Haven.Server first (dotnet build -c {environment.Configuration}).", environment.HavenServerDll);
        var dataDir = Directory.CreateDirectory(Path.Combine(environment.ScratchDirectory, "haven")).FullName;
        var env = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Haven__Encryption__MessageKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Haven__Encryption__KeyFile"] = Path.Combine(dataDir, "message.key"),
            // Seeding registers every member from one address, and the benchmark is the member sending fast.
            ["Haven__Accounts__AuthRequestsPerMinute"] = "10000",
            ["Haven__Chat__MessagesPerSecond"] = "100000",
            ["Haven__Chat__MessageBurst"] = "100000",
            ["Haven__Contacts__MaxRequestsPerDay"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in _issuer.ServerSettings)
            env[key] = value;
        if (environment.HavenPostgres is { } postgres)
        {
            env["Haven__Database__Provider"] = "Postgres";
            env["Haven__Database__ConnectionString"] = postgres;
        }
        else
        {
            env["Haven__Database__Provider"] = "Sqlite";
            env["Haven__Database__ConnectionString"] = $"Data Source={Path.Combine(dataDir, "haven.db")}";
        }
        await LaunchAsync(() =>
        {
            var port = ServerProcess.FreeLoopbackPort();
            return ServerProcess.StartAsync(BenchEnvironment.DotnetHost,
                [environment.HavenServerDll, "--urls", $"http://127.0.0.1:{port}"], env,
                Path.GetDirectoryName(environment.HavenServerDll)!, environment.LogPath(Name), port, "/health/ready", TimeSpan.FromSeconds(90), ct);
        });
    }

    public override async Task<IReadOnlyList<ILoadClient>> ConnectPairsAsync(int pairs, LoadMeter meter, CancellationToken ct)
    {
        // Seeded once; a reconnect (after the target fell behind) reuses the members and conversations.
        if (_pairs is not { } seeded || seeded.Conversations.Length != pairs)
        {
            using var http = NewHttp();
            var registered = await RegisterAsync(http, 2 * pairs, ct);
            _idleMembers.AddRange(registered);
            var opened = new Guid[pairs];
            await ForEachAsync(pairs, 4, ct, async (i, token) =>
                opened[i] = await ConnectMembersAsync(registered[2 * i], registered[2 * i + 1], token));
            _pairs = (registered, opened);
        }
        var (members, conversations) = _pairs.Value;

        var clients = new ILoadClient[2 * pairs];
        await ForEachAsync(2 * pairs, 16, ct, async (i, token) =>
        {
            var member = members[i];
            var hub = Hub(member);
            var client = new HavenClient(hub, member.Id, conversations[i / 2], meter, messageLength, randomClientIds);
            await hub.StartAsync(token);
            Track(hub);
            clients[i] = client;
        });
        return clients;
    }

    /// <summary>
    /// Password hashing makes members expensive to create; connections are what is measured, so up to
    /// 100 members (those of the pairs first) each hold many connections, as one member would on many devices.
    /// </summary>
    public override async Task PrepareIdleAsync(int count, CancellationToken ct)
    {
        var missing = Math.Clamp(count, 1, 100) - _idleMembers.Count;
        if (missing <= 0)
            return;
        using var http = NewHttp();
        _idleMembers.AddRange(await RegisterAsync(http, missing, ct));
    }

    public override async Task<int> ConnectIdleAsync(int count, CancellationToken ct)
    {
        if (_idleMembers.Count == 0)
            await PrepareIdleAsync(count, ct);
        var connected = 0;
        await ForEachAsync(count, 32, ct, async (i, token) =>
        {
            var hub = Hub(_idleMembers[i % _idleMembers.Count]);
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

    private HttpClient NewHttp() => new() { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    private HubConnection Hub(Member member) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(Server.BaseAddress, "/hubs/chat"), HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(member.Token);
                o.SkipNegotiation = true;
            })
            .AddMessagePackProtocol()
            .Build();

    private async Task<Member[]> RegisterAsync(HttpClient http, int count, CancellationToken ct)
    {
        var members = new Member[count];
        var run = RandomLetters(6);
        await ForEachAsync(count, 4, ct, async (i, token) =>
        {
            var pseudonym = $"load{run}{Letters(i)}";
            var email = $"{pseudonym}@example.test";
            using var register = await http.PostAsJsonAsync("/api/accounts/register", new { email, password = Password, pseudonym }, token);
            await EnsureAsync(register, "register", token);
            var created = await register.Content.ReadFromJsonAsync<MemberSummaryDto>(token);
            using var login = await http.PostAsJsonAsync("/api/accounts/login", new { email, password = Password }, token);
            await EnsureAsync(login, "login", token);
            var tokens = await login.Content.ReadFromJsonAsync<TokenDto>(token);
            await _issuer.VerifyAsync(http, tokens!.AccessToken, token);
            members[i] = new Member(created!.Id, tokens.AccessToken);
        });
        return members;
    }

    private async Task<Guid> ConnectMembersAsync(Member from, Member to, CancellationToken ct)
    {
        using var http = NewHttp();
        using var send = new HttpRequestMessage(HttpMethod.Post, "/api/contacts/requests") { Content = JsonContent.Create(new { toMemberId = to.Id }) };
        send.Headers.Authorization = new AuthenticationHeaderValue("Bearer", from.Token);
        using var sent = await http.SendAsync(send, ct);
        await EnsureAsync(sent, "contact request", ct);
        var request = await sent.Content.ReadFromJsonAsync<ContactRequestDto>(ct);
        using var accept = new HttpRequestMessage(HttpMethod.Post, $"/api/contacts/requests/{request!.Id}/accept");
        accept.Headers.Authorization = new AuthenticationHeaderValue("Bearer", to.Token);
        using var accepted = await http.SendAsync(accept, ct);
        await EnsureAsync(accepted, "accept", ct);
        var view = await accepted.Content.ReadFromJsonAsync<ContactRequestDto>(ct);
        return view!.ConversationId ?? throw new InvalidOperationException("accepting the request opened no conversation");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>Letters only: digits in a pseudonym look like a phone number to Haven's rules.</summary>
    private static string Letters(int n)
    {
        var chars = new Stack<char>();
        do
        {
            chars.Push((char)('a' + n % 26));
            n /= 26;
        } while (n > 0);
        return new string([.. chars]);
    }

    private static string RandomLetters(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('a' + RandomNumberGenerator.GetInt32(26))));

    private sealed record Member(Guid Id, string Token);

    private sealed class HavenClient : ILoadClient
    {
        private readonly HubConnection _hub;
        private readonly Guid _conversationId;
        private readonly LoadMeter _meter;
        private readonly int _length;
        private readonly bool _randomIds;

        public HavenClient(HubConnection hub, Guid self, Guid conversationId, LoadMeter meter, int length, bool randomIds)
        {
            _randomIds = randomIds;
            _hub = hub;
            _conversationId = conversationId;
            _meter = meter;
            _length = length;
            // Haven also sends a message to its sender's other connections (devices); a benchmark member has one, but count only the peer's.
            hub.On<MessageViewDto>("MessageReceived", m =>
            {
                if (m.SenderId != self)
                    meter.Delivered(Payload.Parse(m.Text));
            });
        }

        public void Send(long scheduled)
        {
            _meter.Sending(scheduled, System.Diagnostics.Stopwatch.GetTimestamp());
            _ = AwaitAckAsync(_hub.InvokeAsync<MessageAckDto>("SendMessage",
                new SendMessageDto(_conversationId, Payload.ClientMessageId(_randomIds), Payload.Text(scheduled, _length))), scheduled);
        }

        private async Task AwaitAckAsync(Task<MessageAckDto> ack, long scheduled)
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

// Wire shapes of Haven's API and hub (Haven.Server/Accounts, Contacts, Chat), by property name.
public sealed record MemberSummaryDto(Guid Id, string Pseudonym);

public sealed record TokenDto(string AccessToken);

public sealed record ContactRequestDto(Guid Id, Guid? ConversationId);

public sealed record SendMessageDto(Guid ConversationId, Guid ClientMessageId, string Text);

public sealed record MessageAckDto(Guid ClientMessageId, long MessageId, Guid ConversationId, DateTimeOffset SentAt, bool Duplicate);

public sealed record MessageViewDto(long Id, Guid ConversationId, Guid SenderId, Guid ClientMessageId, string Text, DateTimeOffset SentAt);
