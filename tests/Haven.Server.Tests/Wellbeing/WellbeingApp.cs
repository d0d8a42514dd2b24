using System.Net.Http.Headers;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haven.Server.Tests.Wellbeing;

/// <summary>
/// Haven on SQLite with a fake clock, one per test class. The clock starts on a Wednesday at noon, in the future so browsers keep its cookies,
/// UTC so that "today" and "this week" are predictable.
/// </summary>
public sealed class WellbeingApp : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2030, 6, 12, 12, 0, 0, TimeSpan.Zero);

    private string? _directory;
    private HavenApp? _app;

    public FakeTimeProvider Clock { get; } = new(Start);

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("wellbeing");
        _app = HavenApp.Sqlite(_directory, new Dictionary<string, string?>
            {
                // The sweep would run on every clock advance; tests call what they need themselves.
                ["Haven:Wellbeing:SweepSeconds"] = "3600",
            })
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock))
            .Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_directory is not null)
            await TestTempDirectory.DeleteAsync(_directory);
    }

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
