using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Steps every browser test takes the same way.</summary>
internal static partial class PageSteps
{
    /// <summary>Signs in with a password on the page at <paramref name="signInUrl"/> and waits until Browse is interactive.</summary>
    public static async Task SignInAsync(this IPage page, string signInUrl, string email, string password)
    {
        await page.GotoAsync(signInUrl);
        // By id, not label: members read the sign-in page in their own language.
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("signin-submit").ClickAsync();
        // Wait for the address only, then for the page to be interactive: waiting for the "load" event as well
        // has hung past 30 s on a loaded CI machine after the page was already there ("NetworkIdle" fired).
        await page.WaitForURLAsync(BrowsePattern(), new() { WaitUntil = WaitUntilState.Commit });
        await page.WaitUntilInteractiveAsync();
    }

    /// <summary>Waits for the layout's marker that the page is live: the router handles links and controls are enabled.</summary>
    public static Task WaitUntilInteractiveAsync(this IPage page) =>
        Assertions.Expect(page.Locator("main[data-interactive]")).ToBeAttachedAsync();

    /// <summary>The class of a message still waiting for its acknowledgement.</summary>
    [GeneratedRegex(@"\bpending\b")]
    public static partial Regex PendingClass();

    [GeneratedRegex("/browse$")]
    private static partial Regex BrowsePattern();
}
