using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.Server.Tests.Age;

/// <summary>Haven on SQLite with a second (Ed25519) trusted issuer and an external provider configured.</summary>
public sealed class AgeAppFixture : IAsyncLifetime
{
    public const string ProviderSecret = "provider-webhook-secret-for-tests-0123456789";
    public const string ProviderName = "ExampleAge";

    private string? _directory;
    private HavenApp? _app;

    public TestIssuer EdIssuer { get; } = TestIssuer.Ed25519("https://ed25519-issuer.haven.test");

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("age");
        _app = HavenApp.Sqlite(_directory, new Dictionary<string, string?>
        {
            ["Haven:Age:TrustedIssuers:1:Issuer"] = EdIssuer.Issuer,
            ["Haven:Age:TrustedIssuers:1:Jwk"] = EdIssuer.PublicJwk,
            ["Haven:Age:Provider:Name"] = ProviderName,
            ["Haven:Age:Provider:StartUrl"] = "https://age.example/start?ref={session}",
            ["Haven:Age:Provider:WebhookSecret"] = ProviderSecret,
        }).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        EdIssuer.Dispose();
        if (_directory is not null)
            await TestTempDirectory.DeleteAsync(_directory);
    }
}
