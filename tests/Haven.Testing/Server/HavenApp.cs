using Xunit;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Haven.Server.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Testing.Server;

public enum HubProtocol
{
    Json,
    MessagePack,
}

/// <summary>
/// Haven on real Kestrel (loopback, free port) against a real database, for HTTP and
/// WebSocket tests. Settings override configuration the way an operator's environment would.
/// </summary>
public sealed class HavenApp : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly string _environment;
    private readonly List<Action<IServiceCollection>> _serviceOverrides = [];
    private Uri? _baseAddress;

    /// <summary>The address every test app trusts as an age-credential issuer (see <see cref="CredentialIssuer"/>).</summary>
    public const string CredentialIssuerId = "https://issuer.haven.test";

    /// <summary>Audience Haven expects in credential presentations, as configured for tests.</summary>
    public const string CredentialAudience = "https://haven.test";

    /// <summary>
    /// An issuer in this app's trust list: <see cref="RegisterAsync"/> uses it to verify members'
    /// age through the real credential check, and tests use it to make good and bad credentials.
    /// </summary>
    public TestIssuer CredentialIssuer { get; } = TestIssuer.Es256(CredentialIssuerId);

    public HavenApp(string provider, string connectionString, IDictionary<string, string?>? settings = null, string environment = "Testing")
    {
        _environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["Haven:Database:Provider"] = provider,
            ["Haven:Database:ConnectionString"] = connectionString,
            ["Haven:Encryption:MessageKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            // Tests register many members from one address; the limits themselves are tested with low values.
            ["Haven:Accounts:AuthRequestsPerMinute"] = "10000",
            ["Haven:Chat:MessagesPerSecond"] = "10000",
            ["Haven:Chat:MessageBurst"] = "10000",
            ["Haven:Contacts:MaxRequestsPerDay"] = "1000",
            ["Haven:Age:Audience"] = CredentialAudience,
            ["Haven:Age:TrustedIssuers:0:Issuer"] = CredentialIssuerId,
            ["Haven:Age:TrustedIssuers:0:Jwk"] = CredentialIssuer.PublicJwk,
            ["Haven:Age:TrustedIssuers:0:Assurance"] = "High",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            _settings[key] = value;
        UseKestrel(0);
    }

    /// <summary>"Sqlite" or "Postgres", and the ADO.NET connection string of this app's database.</summary>
    public string Provider => _settings["Haven:Database:Provider"]!;

    public string ConnectionString => _settings["Haven:Database:ConnectionString"]!;

    public static HavenApp Sqlite(string directory, IDictionary<string, string?>? settings = null, string environment = "Testing") =>
        new("Sqlite", $"Data Source={Path.Combine(directory, "haven.db")}", settings, environment);

    /// <summary>Replaces services before start, e.g. a FakeTimeProvider for <see cref="TimeProvider"/>.</summary>
    public HavenApp WithServices(Action<IServiceCollection> configure)
    {
        _serviceOverrides.Add(configure);
        return this;
    }

    public Uri BaseAddress => _baseAddress ?? throw new InvalidOperationException("Call Start() first.");

    public HavenApp Start()
    {
        StartServer();
        var clock = Services.GetRequiredService<TimeProvider>();
        CredentialIssuer.Now = clock.GetUtcNow;
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        _baseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // Outside Development the host only serves published static assets; tests run from the
        // build output, so point it at the build's static web assets manifest (blazor.web.js etc.).
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _serviceOverrides)
                configure(services);
        });
    }

    /// <summary>An anonymous client with its own cookie jar.</summary>
    public HttpClient NewClient() => new(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };

    /// <summary>
    /// Registers a member through the API and signs them in with a bearer token. Members are
    /// age-verified (through the real credential check) unless <paramref name="verified"/> is false:
    /// unverified members cannot message or connect.
    /// </summary>
    public async Task<TestMember> RegisterAsync(string? pseudonym = null, bool verified = true)
    {
        pseudonym ??= "member" + RandomLetters(8);
        var email = $"{pseudonym.ToLowerInvariant().Replace(' ', '.')}@example.test";
        const string password = "correct horse battery staple";
        using var anonymous = NewClient();
        var register = await anonymous.PostAsJsonAsync("/api/accounts/register", new { email, password, pseudonym });
        Assert.True(register.IsSuccessStatusCode, $"register failed: {(int)register.StatusCode} {await register.Content.ReadAsStringAsync()}");
        var created = await register.Content.ReadFromJsonAsync<MemberSummaryDto>();
        var token = await SignInAsync(email, password);
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (verified)
            await VerifyAgeAsync(client);
        return new TestMember(created!.Id, pseudonym, email, password, token, client);
    }

    /// <summary>Asks Haven for a credential challenge and presents an age credential from <see cref="CredentialIssuer"/>.</summary>
    public Task VerifyAgeAsync(HttpClient member) => VerifyAgeAsync(member, CredentialIssuer);

    /// <summary>Verifies a member's age with a credential from <paramref name="issuer"/> (which the server must trust).</summary>
    public static async Task VerifyAgeAsync(HttpClient member, TestIssuer issuer)
    {
        var challenge = await StartCredentialCheckAsync(member);
        var presented = await member.PostAsJsonAsync("/api/age/credential",
            new { presentation = issuer.AgeCredential(challenge.Nonce, challenge.Audience) });
        Assert.True(presented.IsSuccessStatusCode, $"age verification failed: {(int)presented.StatusCode} {await presented.Content.ReadAsStringAsync()}");
    }

    /// <summary>For members who signed up in the browser: signs in over the API and verifies their age.</summary>
    public async Task VerifyAgeAsync(string email, string password)
    {
        using var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await SignInAsync(email, password));
        await VerifyAgeAsync(client);
    }

    public static async Task<CredentialChallengeDto> StartCredentialCheckAsync(HttpClient member)
    {
        var started = await member.PostAsync("/api/age/checks/credential", null);
        Assert.True(started.IsSuccessStatusCode, $"credential check did not start: {(int)started.StatusCode}");
        return (await started.Content.ReadFromJsonAsync<CredentialChallengeDto>())!;
    }

    /// <summary>Puts the member in the Moderator role and signs them in again so the token carries it.</summary>
    public Task<TestMember> MakeModeratorAsync(TestMember member) => GrantRoleAsync(member, Haven.Server.Accounts.Roles.Moderator);

    /// <summary>Puts the member in the Admin role (who also moderates) and signs them in again.</summary>
    public Task<TestMember> MakeAdminAsync(TestMember member) => GrantRoleAsync(member, Haven.Server.Accounts.Roles.Admin);

    private async Task<TestMember> GrantRoleAsync(TestMember member, string role)
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Haven.Server.Accounts.Member>>();
            var account = await users.FindByIdAsync(member.Id.ToString());
            var added = await users.AddToRoleAsync(account!, role);
            Assert.True(added.Succeeded, string.Join("; ", added.Errors.Select(e => e.Code)));
        }

        var token = await SignInAsync(member.Email, member.Password);
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return member with { Token = token, Http = client };
    }

    /// <summary>Letters only: runs of digits would look like a phone number to the pseudonym rules.</summary>
    public static string RandomLetters(int length) =>
        string.Concat(Enumerable.Range(0, length).Select(_ => (char)('a' + Random.Shared.Next(26))));

    public async Task<string> SignInAsync(string email, string password)
    {
        using var anonymous = NewClient();
        var login = await anonymous.PostAsJsonAsync("/api/accounts/login", new { email, password });
        Assert.True(login.IsSuccessStatusCode, $"login failed: {(int)login.StatusCode}");
        var tokens = await login.Content.ReadFromJsonAsync<TokenDto>();
        return tokens!.AccessToken;
    }

    /// <summary>Request, accept: the two members now share a conversation, whose id is returned.</summary>
    public static async Task<Guid> ConnectAsync(TestMember from, TestMember to)
    {
        var sent = await from.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = to.Id });
        Assert.True(sent.IsSuccessStatusCode, $"request failed: {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync()}");
        var request = await sent.Content.ReadFromJsonAsync<RequestDto>();
        var accepted = await to.Http.PostAsync($"/api/contacts/requests/{request!.Id}/accept", null);
        Assert.True(accepted.IsSuccessStatusCode, $"accept failed: {(int)accepted.StatusCode}");
        var view = await accepted.Content.ReadFromJsonAsync<RequestDto>();
        return view!.ConversationId!.Value;
    }

    /// <summary>A SignalR client over a real WebSocket (no fallback transports).</summary>
    public async Task<HubConnection> ConnectHubAsync(TestMember member, HubProtocol protocol = HubProtocol.Json)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, "/hubs/chat"), HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(member.Token);
                o.SkipNegotiation = true;
            });
        if (protocol == HubProtocol.MessagePack)
            builder.AddMessagePackProtocol();
        var connection = builder.Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>Direct database access for assertions about what was (not) stored.</summary>
    public async Task<T> QueryAsync<T>(Func<HavenDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        return await query(db);
    }

    public Task<int> CountMessagesAsync(Guid conversationId) =>
        QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == conversationId));
}

public sealed record TestMember(Guid Id, string Pseudonym, string Email, string Password, string Token, HttpClient Http);

public sealed record MemberSummaryDto(Guid Id, string Pseudonym, string Culture);

public sealed record CredentialChallengeDto(string Method, string Nonce, string Audience, DateTimeOffset ExpiresAt);

public sealed record TokenDto(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);

public sealed record RequestDto(Guid Id, Guid OtherMemberId, string OtherPseudonym, string Note, string Status, Guid? ConversationId);
