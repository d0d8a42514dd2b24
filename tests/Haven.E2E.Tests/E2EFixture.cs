using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.E2E.Tests;

/// <summary>Haven on Kestrel (fresh SQLite) and one headless Debian Chromium, shared by a test class.</summary>
public sealed class E2EFixture : IAsyncLifetime
{
    private readonly SqliteAppFixture _app = new();
    private readonly PlaywrightFixture _browser = new();

    public HavenApp App => _app.App;
    public PlaywrightFixture Browser => _browser;

    /// <summary>Screenshots and other artefacts a reviewer may want, kept with the test results.</summary>
    public static string OutputDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(AppContext.BaseDirectory, "e2e-output")).FullName;

    public async Task InitializeAsync()
    {
        // CI shares two cores between the server, Chromium and the test: give page updates time.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        await _app.InitializeAsync();
        await ((IAsyncLifetime)_browser).InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
    }
}
