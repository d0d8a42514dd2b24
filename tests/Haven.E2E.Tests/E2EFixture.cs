using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.E2E.Tests;

/// <summary>Haven on Kestrel (fresh SQLite) and one headless Debian Chromium, shared by a test class.</summary>
public class E2EFixture : IAsyncLifetime
{
    private readonly PlaywrightFixture _browser = new();
    private readonly IDictionary<string, string?> _settings;
    private readonly string _environment;
    private string? _directory;
    private HavenApp? _app;

    public E2EFixture()
        : this(new Dictionary<string, string?>(), "Testing")
    {
    }

    protected E2EFixture(IDictionary<string, string?> settings, string environment)
    {
        _settings = settings;
        _environment = environment;
    }

    public HavenApp App => _app ?? throw new InvalidOperationException("Not started.");
    public PlaywrightFixture Browser => _browser;

    /// <summary>Screenshots and other artefacts a reviewer may want, kept with the test results.</summary>
    public static string OutputDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(AppContext.BaseDirectory, "e2e-output")).FullName;

    public async Task InitializeAsync()
    {
        // CI shares two cores between the server, Chromium and the test: give page updates time.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        _directory = TestTempDirectory.Create("e2e");
        _app = HavenApp.Sqlite(_directory, _settings, _environment).Start();
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
