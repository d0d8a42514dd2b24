using Xunit;

namespace Haven.Testing;

/// <summary>
/// A fresh, empty database on the process-wide shared <see cref="PostgresServer"/>, for use as
/// an xunit class fixture: <c>public sealed class MyTests(PostgresDatabase db) : IClassFixture&lt;PostgresDatabase&gt;</c>.
/// The database is dropped when the class's tests are done; the server stops when the test process exits.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private PostgresServer? server;
    private string? connectionString;

    /// <summary>The shared server the database lives on.</summary>
    public PostgresServer Server => server ?? throw NotInitialized();

    /// <summary>Connection string for this fixture's own database.</summary>
    public string ConnectionString => connectionString ?? throw NotInitialized();

    /// <summary>Creates another fresh database on the same server (for tests that need several).</summary>
    public Task<string> CreateAnotherAsync(string name, CancellationToken cancellationToken = default) =>
        Server.CreateDatabaseAsync(name, cancellationToken);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        server = await PostgresServer.GetSharedAsync().ConfigureAwait(false);
        connectionString = await server.CreateDatabaseAsync("test").ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (server is not null && connectionString is not null && server.IsRunning)
        {
            await server.DropDatabaseAsync(connectionString).ConfigureAwait(false);
        }
    }

    private static InvalidOperationException NotInitialized() =>
        new("The PostgresDatabase fixture is not initialised; use it through IClassFixture<PostgresDatabase> or call InitializeAsync first.");
}
