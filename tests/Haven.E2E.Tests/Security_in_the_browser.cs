using System.Text.RegularExpressions;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Strong sign-in through the web UI: a passkey from Chromium's virtual authenticator, and TOTP.</summary>
public sealed class Security_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Member_adds_a_passkey_and_signs_in_with_it()
    {
        var member = await fixture.App.RegisterAsync();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        // WebAuthn needs a domain as relying party id, and localhost is a secure context over plain HTTP.
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var authenticator = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);

        await page.GotoAsync(Url("/security"));
        await page.GetByTestId("add-passkey").ClickAsync();
        await Assertions.Expect(page.GetByTestId("security-notice")).ToHaveTextAsync("Passkey added. You can use it next time you sign in.");
        await Assertions.Expect(page.GetByTestId("passkey")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync(Url("/signin"));
        await page.GetByTestId("signin-passkey").ClickAsync();

        await page.WaitForURLAsync(new Regex("/browse$"));
        await page.GotoAsync(Url("/security"));
        await Assertions.Expect(page.GetByTestId("current-session")).ToHaveCountAsync(1);
        // The private key never left the authenticator: it holds exactly the one credential the server knows.
        var authenticatorId = authenticator!.Value.GetProperty("authenticatorId").GetString()!;
        var credentials = await cdp.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = authenticatorId });
        Assert.Equal(1, credentials!.Value.GetProperty("credentials").GetArrayLength());
    }

    [Fact]
    public async Task Member_turns_on_two_step_sign_in_and_then_needs_the_code()
    {
        var member = await fixture.App.RegisterAsync();
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);

        await page.GotoAsync(Url("/security"));
        await page.GetByTestId("twofactor-setup").ClickAsync();
        var key = (await page.GetByTestId("twofactor-key").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        await page.GetByTestId("twofactor-code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("twofactor-enable").ClickAsync();
        await Assertions.Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);
        await Assertions.Expect(page.GetByTestId("twofactor-status")).ToContainTextAsync("10 recovery codes");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync(Url("/signin"));
        await page.GetByLabel("Email").FillAsync(member.Email);
        await page.GetByLabel("Password").FillAsync(member.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("One more step");
        await page.GetByTestId("signin-code").FillAsync("000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000");
        await page.GetByTestId("signin-verify").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signin-error")).ToContainTextAsync("didn't work");

        await page.GetByTestId("signin-code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("signin-verify").ClickAsync();
        await page.WaitForURLAsync(new Regex("/browse$"));
    }

    [Fact]
    public async Task Sign_in_from_a_second_browser_shows_a_new_device_notice()
    {
        var member = await fixture.App.RegisterAsync();
        await using var first = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        await using var second = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var firstPage = await first.NewPageAsync();
        await firstPage.SignInAsync(Url("/signin"), member.Email, member.Password);
        var secondPage = await second.NewPageAsync();
        await secondPage.SignInAsync(Url("/signin"), member.Email, member.Password);

        await firstPage.GotoAsync(Url("/chats"));
        await Assertions.Expect(firstPage.GetByTestId("new-device-banner")).ToBeVisibleAsync();
        await firstPage.WaitUntilInteractiveAsync();
        await firstPage.GetByTestId("new-device-banner").GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(firstPage.GetByTestId("security-notice-item").First).ToContainTextAsync("Signed in from a new device: Chrome");

        // Sign the other browser out from here; its next page load lands on sign-in.
        var other = firstPage.GetByTestId("session").Filter(new() { HasNot = firstPage.GetByTestId("current-session") });
        await other.First.GetByTestId("revoke-session").ClickAsync();
        await Assertions.Expect(firstPage.GetByTestId("security-notice")).ToHaveTextAsync("That device is signed out.");
        await secondPage.GotoAsync(Url("/chats"));
        await secondPage.WaitForURLAsync(new Regex("/signin"));
    }

    /// <summary>localhost rather than 127.0.0.1: a relying party id must be a domain name.</summary>
    private string Url(string path) =>
        new UriBuilder(new Uri(fixture.App.BaseAddress, path)) { Host = "localhost" }.Uri.ToString();
}
