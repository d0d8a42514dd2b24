using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haven.Server.Tests.Transparency;

/// <summary>Haven with a fake clock; bearer tokens last a day so a test can move hours ahead.</summary>
public abstract class TransparencyApp : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public HavenApp App { get; private set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected void Start(string provider, string connectionString) =>
        App = new HavenApp(provider, connectionString, new Dictionary<string, string?> { ["Haven:Accounts:BearerTokenMinutes"] = "1440" })
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock))
            .Start();

    /// <summary>Moves the clock to the start of a month no other test has used yet; returns it.</summary>
    public DateTimeOffset FreshMonth()
    {
        var now = Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(2);
        Clock.SetUtcNow(start);
        return start;
    }
}

public sealed class SqliteTransparencyApp : TransparencyApp
{
    private string _directory = "";

    public override Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("transparency");
        Start("Sqlite", $"Data Source={Path.Combine(_directory, "haven.db")}");
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await TestTempDirectory.DeleteAsync(_directory);
    }
}

public sealed class PostgresTransparencyApp : TransparencyApp
{
    private readonly PostgresDatabase _database = new();

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Start("Postgres", _database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
