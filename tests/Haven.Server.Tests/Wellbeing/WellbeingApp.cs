using System.Net.Http.Headers;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haven.Server.Tests.Wellbeing;

/// <summary>
/// Haven on SQLite with a fake clock, one per test class. The clock starts on a Wednesday at noon
/// UTC, in the future so browsers keep its cookies, so that "today" and "this week" are predictable.
/// </summary>
public class WellbeingApp : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2030, 6, 12, 12, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // The sweep would run on every clock advance; tests call what they need themselves.
        ["Haven:Wellbeing:SweepSeconds"] = "3600",
    };

    private string? _directory;
    private HavenApp? _app;

    public FakeTimeProvider Clock { get; } = new(Start);

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");

    public virtual async Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("wellbeing");
        await StartAsync(HavenApp.Sqlite(_directory, Settings));
    }

    public virtual async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_directory is not null)
            await TestTempDirectory.DeleteAsync(_directory);
    }

    protected Task StartAsync(HavenApp app)
    {
        _app = app.WithServices(services => services.AddSingleton<TimeProvider>(Clock)).Start();
        return Task.CompletedTask;
    }

    protected static HavenApp Postgres(string connectionString) => new("Postgres", connectionString, Settings);

    /// <summary>Runs <paramref name="work"/> with a service from a fresh scope of the running app.</summary>
    public async Task<T> UseAsync<TService, T>(Func<TService, Task<T>> work) where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>A newly signed-in client: bearer tokens expire as the fake clock moves on.</summary>
    public async Task<HttpClient> SignInAgainAsync(TestMember member)
    {
        var token = await App.SignInAsync(member.Email, member.Password);
        var client = App.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

/// <summary>The same, on a throwaway database of a real PostgreSQL server.</summary>
public sealed class WellbeingPostgresApp : WellbeingApp
{
    private readonly PostgresDatabase _database = new();

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await StartAsync(Postgres(_database.ConnectionString));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
