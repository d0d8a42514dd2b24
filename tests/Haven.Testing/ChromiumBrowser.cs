using Microsoft.Playwright;

namespace Haven.Testing;

/// <summary>
/// Launches Debian's <c>chromium</c> through Microsoft.Playwright (browsers are never downloaded
/// here: Playwright is pointed at the installed executable with <c>ExecutablePath</c>).
/// </summary>
public static class ChromiumBrowser
{
    /// <summary>Command-line switches for headless Chromium in containers and CI.</summary>
    public static IReadOnlyList<string> Arguments { get; } =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];

    /// <summary>
    /// Finds Chromium: <c>$HAVEN_CHROMIUM</c> if set, else <c>chromium</c> (Debian) or
    /// <c>chromium-browser</c> on PATH, else /usr/bin/chromium.
    /// </summary>
    /// <exception cref="TestDependencyMissingException">Chromium is not installed.</exception>
    public static string FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HAVEN_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new TestDependencyMissingException($"HAVEN_CHROMIUM is set to '{fromEnvironment}', which does not exist.");
        }

        return ProcessRunner.FindOnPath("chromium")
            ?? ProcessRunner.FindOnPath("chromium-browser")
            ?? (File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null)
            ?? throw new TestDependencyMissingException(
                "Chromium is not installed: 'chromium' was not found on PATH. " +
                "Install the Debian package with 'apt-get install -y chromium' (or run ./test.sh, which installs it). " +
                "Playwright cannot download browsers on these machines.");
    }

    /// <summary>Launch options: the installed Chromium, headless, with <see cref="Arguments"/>.</summary>
    public static BrowserTypeLaunchOptions LaunchOptions() => new()
    {
        ExecutablePath = FindExecutable(),
        Headless = true,
        Args = Arguments,
        ChromiumSandbox = false,
        Timeout = 60_000,
    };

    /// <summary>Launches the installed Chromium with <see cref="LaunchOptions"/>.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        return playwright.Chromium.LaunchAsync(LaunchOptions());
    }
}
