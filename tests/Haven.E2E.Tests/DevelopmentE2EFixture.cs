using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.E2E.Tests;

/// <summary>
/// Haven in the Development environment (fresh SQLite, no demo data) and one headless Chromium:
/// for features that exist only in Development, such as the test credential issuer.
/// </summary>
public sealed class DevelopmentE2EFixture : IAsyncLifetime
{
    private readonly PlaywrightFixture _browser = new();
    private string? _directory;
    private HavenApp? _app;

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");
    public PlaywrightFixture Browser => _browser;

    public async Task InitializeAsync()
    {
        // CI shares two cores between the server, Chromium and the test: give page updates time.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        _directory = TestTempDirectory.Create("e2e-dev");
        _app = HavenApp.Sqlite(_directory, new Dictionary<string, string?> { ["Haven:Demo:Seed"] = "false" }, environment: "Development").Start();
        await ((IAsyncLifetime)_browser).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        if (_app is not null)
            await _app.DisposeAsync();
        if (_directory is not null)
            await TestTempDirectory.DeleteAsync(_directory);
    }
}
