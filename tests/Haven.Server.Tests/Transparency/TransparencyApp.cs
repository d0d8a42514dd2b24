using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haven.Server.Tests.Transparency;

/// <summary>Haven on SQLite with a fake clock; bearer tokens last a day so a test can move hours ahead.</summary>
public sealed class TransparencyApp : IAsyncLifetime
{
    private string _directory = "";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public HavenApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("transparency");
        App = HavenApp.Sqlite(_directory, new Dictionary<string, string?> { ["Haven:Accounts:BearerTokenMinutes"] = "1440" })
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock))
            .Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await TestTempDirectory.DeleteAsync(_directory);
    }

    /// <summary>Moves the clock to the start of a month no other test has used yet; returns it.</summary>
    public DateTimeOffset FreshMonth()
    {
        var now = Clock.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(2);
        Clock.SetUtcNow(start);
        return start;
    }
}
