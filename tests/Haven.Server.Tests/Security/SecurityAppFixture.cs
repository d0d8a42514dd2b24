using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.Server.Tests.Security;

/// <summary>Haven on SQLite with the development email outbox on, so tests can read reset links.</summary>
public sealed class SecurityAppFixture : IAsyncLifetime
{
    private string? _directory;
    private HavenApp? _app;

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("security");
        _app = HavenApp.Sqlite(_directory, new Dictionary<string, string?>
        {
            ["Haven:Security:EmailOutbox"] = "true",
            ["Haven:Security:RecoveryRequestsPerWindow"] = "1000",
        }).Start();
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
