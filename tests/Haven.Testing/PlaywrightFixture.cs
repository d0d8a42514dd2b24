using Microsoft.Playwright;
using Xunit;

namespace Haven.Testing;

/// <summary>
/// One Playwright driver and one headless Chromium (see <see cref="ChromiumBrowser"/>) for an
/// xunit class or collection fixture. Tests open their own isolated contexts with
/// <see cref="NewContextAsync"/> (one per simulated user) and dispose them.
/// </summary>
public sealed class PlaywrightFixture : IAsyncLifetime, IAsyncDisposable
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The Playwright driver.</summary>
    public IPlaywright Playwright => playwright ?? throw NotStarted();

    /// <summary>The launched Chromium.</summary>
    public IBrowser Browser => browser ?? throw NotStarted();

    /// <summary>Starts the Playwright driver (shipped in the NuGet package's .playwright folder) and launches Chromium.</summary>
    public async Task StartAsync()
    {
        if (browser is not null)
        {
            return;
        }

        var executable = ChromiumBrowser.FindExecutable();
        playwright = await Microsoft.Playwright.Playwright.CreateAsync().ConfigureAwait(false);
        try
        {
            browser = await ChromiumBrowser.LaunchAsync(playwright).ConfigureAwait(false);
        }
        catch (PlaywrightException exception)
        {
            playwright.Dispose();
            playwright = null;
            throw new InvalidOperationException($"Chromium at '{executable}' did not start under Playwright: {exception.Message}", exception);
        }
    }

    /// <summary>A new isolated browser context (its own cookies and storage): one per simulated user.</summary>
    public Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null) =>
        Browser.NewContextAsync(options ?? new BrowserNewContextOptions());

    /// <summary>A page in a new context of its own; dispose the page's <c>Context</c> when done.</summary>
    public Task<IPage> NewPageAsync(BrowserNewPageOptions? options = null) =>
        Browser.NewPageAsync(options ?? new BrowserNewPageOptions());

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync().ConfigureAwait(false);
            browser = null;
        }

        playwright?.Dispose();
        playwright = null;
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);

    private static InvalidOperationException NotStarted() =>
        new("The Playwright fixture has not been started; use it through IClassFixture<PlaywrightFixture> or call StartAsync first.");
}
