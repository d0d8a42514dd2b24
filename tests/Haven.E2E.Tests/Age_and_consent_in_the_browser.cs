using System.Text.RegularExpressions;
using Haven.Testing.Server;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Age check with the Development test issuer, then consent levels and the blurred-message flow, in Chromium.</summary>
public sealed class Age_and_consent_in_the_browser(DevelopmentE2EFixture fixture) : IClassFixture<DevelopmentE2EFixture>
{
    [Fact]
    public async Task Member_verifies_with_the_test_issuer_then_both_set_levels_seen_in_the_chat_header()
    {
        var ayu = await fixture.App.RegisterAsync("Ayu" + HavenApp.RandomLetters(6), verified: false);
        var ben = await fixture.App.RegisterAsync("Ben" + HavenApp.RandomLetters(6));
        await using var ayuContext = await NewContextAsync(360, 740);
        await using var benContext = await NewContextAsync(1024, 768);
        var ayuPage = await ayuContext.NewPageAsync();
        var benPage = await benContext.NewPageAsync();
        await ayuPage.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);
        await benPage.SignInAsync(Url("/signin"), ben.Email, ben.Password);

        // Ayu is not verified yet, so she verifies in the browser with the test issuer.
        await ayuPage.GotoAsync(Url("/age"));
        await Assertions.Expect(ayuPage.GetByTestId("age-status")).ToContainTextAsync("haven't confirmed your age");
        await ayuPage.GetByTestId("test-issuer-link").ClickAsync();
        await ayuPage.WaitForURLAsync(new Regex("/age/test-issuer$"));
        await ayuPage.GetByTestId("test-issuer-issue").ClickAsync();
        await Assertions.Expect(ayuPage.GetByTestId("test-issuer-done")).ToBeVisibleAsync();
        await ayuPage.GotoAsync(Url("/age"));
        await Assertions.Expect(ayuPage.GetByTestId("age-status")).ToContainTextAsync("verified as an adult");

        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await OpenChatAsync(ayuPage, conversationId);
        await OpenChatAsync(benPage, conversationId);
        await Assertions.Expect(ayuPage.GetByTestId("consent-level")).ToHaveTextAsync("Level: Chat");

        // Ayu would like explicit text: Ben is asked, live, and says yes.
        await ayuPage.GetByTestId("consent-mine").SelectOptionAsync("ExplicitText");
        await Assertions.Expect(ayuPage.GetByTestId("consent-proposed")).ToBeVisibleAsync();
        await Assertions.Expect(benPage.GetByTestId("consent-asked")).ToContainTextAsync("Explicit text");
        await benPage.GetByTestId("consent-accept").ClickAsync();
        await Assertions.Expect(benPage.GetByTestId("consent-level")).ToHaveTextAsync("Level: Explicit text");
        await Assertions.Expect(ayuPage.GetByTestId("consent-level")).ToHaveTextAsync("Level: Explicit text");

        // Ben goes back to flirting: instant for both.
        await benPage.GetByTestId("consent-mine").SelectOptionAsync("Flirting");
        await Assertions.Expect(benPage.GetByTestId("consent-level")).ToHaveTextAsync("Level: Flirting");
        await Assertions.Expect(ayuPage.GetByTestId("consent-level")).ToHaveTextAsync("Level: Flirting");

        // Explicit text above the level: "Are you sure?" for Ayu, blurred with a question for Ben.
        await ayuPage.GetByTestId("composer").FillAsync("Send nudes?");
        await ayuPage.GetByTestId("send").ClickAsync();
        await Assertions.Expect(ayuPage.GetByTestId("are-you-sure")).ToBeVisibleAsync();
        await ayuPage.GetByTestId("send-anyway").ClickAsync();
        var blurred = benPage.GetByTestId("message").Filter(new() { Has = benPage.GetByTestId("blurred") });
        await Assertions.Expect(blurred).ToContainTextAsync("Does this bother you?");
        await blurred.GetByTestId("reveal").ClickAsync();
        await Assertions.Expect(benPage.GetByTestId("message").Filter(new() { HasText = "Send nudes?" }).Locator(".text.blurred")).ToHaveCountAsync(0);

        var overflow = await ayuPage.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the 360px viewport");
        await ayuPage.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "consent-360px.png"), FullPage = true });
    }

    private async Task OpenChatAsync(IPage page, Guid conversationId)
    {
        await page.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
    }

    private Task<IBrowserContext> NewContextAsync(int width, int height) =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "en-US" });

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();
}
