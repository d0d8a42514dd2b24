using Xunit;


namespace Haven.Testing.Server;

/// <summary>What the provider-independent test classes need: a running Haven.</summary>
public interface IAppFixture
{
    HavenApp App { get; }
}

/// <summary>Haven on a fresh SQLite file.</summary>
public sealed class SqliteAppFixture : IAppFixture, IAsyncLifetime
{
    private string? _directory;
    private HavenApp? _app;

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("sqlite");
        _app = HavenApp.Sqlite(_directory).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_directory is not null)
            await TestTempDirectory.DeleteAsync(_directory);
    }
}

/// <summary>Haven on a fresh database of a real, throwaway PostgreSQL server.</summary>
public sealed class PostgresAppFixture : IAppFixture, IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private HavenApp? _app;

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _app = new HavenApp("Postgres", _database.ConnectionString).Start();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        await _database.DisposeAsync();
    }
}
