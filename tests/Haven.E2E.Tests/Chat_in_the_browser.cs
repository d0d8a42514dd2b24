using System.Text.RegularExpressions;
using Haven.Testing.Server;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Two members in two isolated Chromium contexts, using only the web UI.</summary>
public sealed partial class Chat_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    private const string Password = "kopi hujan sore di bandung";

    [Fact]
    public async Task Two_members_sign_up_request_accept_and_chat_live()
    {
        await using var ayuContext = await NewContextAsync(360, 740);
        await using var benContext = await NewContextAsync(1024, 768);
        var ayu = await ayuContext.NewPageAsync();
        var ben = await benContext.NewPageAsync();
        var ayuName = "Ayu" + HavenApp.RandomLetters(6);
        var benName = "Ben" + HavenApp.RandomLetters(6);

        await SignUpAsync(ayu, ayuName);
        await SignUpAsync(ben, benName);
        // Only age-verified members may connect (the browser flow is in Age_and_consent_in_the_browser).
        await fixture.App.VerifyAgeAsync($"{ayuName.ToLowerInvariant()}@example.test", Password);
        await fixture.App.VerifyAgeAsync($"{benName.ToLowerInvariant()}@example.test", Password);

        // Ayu finds Ben and asks to talk.
        await ayu.GotoAsync(Url("/browse"));
        await ayu.GetByLabel("Search").First.FillAsync(benName);
        await ayu.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        var card = ayu.GetByTestId("profile-card").Filter(new() { HasText = benName });
        await card.GetByTestId("ask-to-talk").ClickAsync();
        await Assertions.Expect(ayu.GetByTestId("browse-notice")).ToContainTextAsync(benName);

        // Ben accepts and lands in the conversation.
        await ben.GotoAsync(Url("/requests"));
        var request = ben.GetByTestId("incoming-request").Filter(new() { HasText = ayuName });
        await request.GetByTestId("accept").ClickAsync();
        await ben.WaitForURLAsync(ChatUrl());
        await Assertions.Expect(ben.GetByTestId("connection")).ToHaveTextAsync("Live");

        // Ayu opens it from her chat list, where Ben (in the chat right now) shows as online.
        await ayu.GotoAsync(Url("/chats"));
        await ayu.WaitUntilInteractiveAsync();
        await Assertions.Expect(ayu.GetByTestId("conversation").Filter(new() { HasText = benName }).GetByTestId("online")).ToHaveTextAsync("Online now");
        await ayu.GetByTestId("conversation").Filter(new() { HasText = benName }).GetByRole(AriaRole.Link).ClickAsync();
        await ayu.WaitForURLAsync(ChatUrl());
        await Assertions.Expect(ayu.GetByTestId("connection")).ToHaveTextAsync("Live");
        await Assertions.Expect(ayu.GetByTestId("other-online")).ToHaveTextAsync("Online now");

        // Keyboard only: type and press Enter.
        await ayu.GetByTestId("composer").FillAsync("Hai Ben, apa kabar?");
        await ayu.GetByTestId("composer").PressAsync("Enter");
        await Assertions.Expect(ben.GetByTestId("message").Filter(new() { HasText = "Hai Ben, apa kabar?" })).ToBeVisibleAsync();

        await ben.GetByTestId("composer").FillAsync("Baik! And you?");
        await ben.GetByTestId("send").ClickAsync();
        await Assertions.Expect(ayu.GetByTestId("message").Filter(new() { HasText = "Baik! And you?" })).ToBeVisibleAsync();

        // Ben read Ayu's message while it arrived, so Ayu sees it as seen.
        await Assertions.Expect(ayu.GetByTestId("seen")).ToBeVisibleAsync();

        // Nothing is wider than a 360 px phone screen.
        var overflow = await ayu.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the 360px viewport");
        await ayu.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "chat-360px.png"), FullPage = true });

        // Ben closes the chat: Ayu sees him go offline without reloading.
        await ben.CloseAsync();
        await Assertions.Expect(ayu.GetByTestId("other-online")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Empty_message_shows_a_friendly_error_and_nothing_is_sent()
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var context = await NewContextAsync(1024, 768);
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);

        await page.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
        await page.GetByTestId("composer").FillAsync("   ");
        await page.GetByTestId("send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveTextAsync("Please write something before sending.");
        Assert.Equal(0, await fixture.App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task Switching_to_Indonesian_translates_the_interface()
    {
        var member = await fixture.App.RegisterAsync();
        await using var context = await NewContextAsync(1024, 768);
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);

        await page.GotoAsync(Url("/requests"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Requests");
        await page.GetByTestId("lang-id").ClickAsync();

        // The switcher is a full navigation back to this same URL, so wait for the new page's language,
        // not for the URL (which already matches); a busy machine can take a while to serve it.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id", new() { Timeout = 30_000 });
        await page.WaitForURLAsync(new Regex("/requests$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Permintaan");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Obrolan" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");
        await page.GotoAsync(Url("/"));
        await Assertions.Expect(page.GetByText("Khusus dewasa.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Indonesian_browser_gets_Indonesian_by_default()
    {
        await using var context = await NewContextAsync(1024, 768, locale: "id-ID");
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/signup"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gabung dengan Haven");
    }

    [Fact]
    public async Task Sign_up_with_a_common_password_explains_why()
    {
        await using var context = await NewContextAsync(1024, 768);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Url("/signup"));
        await page.GetByLabel("Email").FillAsync($"{HavenApp.RandomLetters(10)}@example.test");
        await page.GetByLabel("Pseudonym").FillAsync("Weak" + HavenApp.RandomLetters(6));
        await page.GetByLabel("Password").FillAsync("football");
        await page.Locator("#agree").CheckAsync();
        await page.GetByTestId("signup-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("signup-errors")).ToContainTextAsync("too common");
    }

    private Task<IBrowserContext> NewContextAsync(int width, int height, string locale = "en-US") =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();

    private static Regex ChatUrl() => ChatUrlPattern();

    private async Task SignUpAsync(IPage page, string pseudonym)
    {
        await page.GotoAsync(Url("/signup"));
        await page.GetByLabel("Email").FillAsync($"{pseudonym.ToLowerInvariant()}@example.test");
        await page.GetByLabel("Pseudonym").FillAsync(pseudonym);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Locator("#agree").CheckAsync();
        await page.GetByTestId("signup-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("welcome")).ToBeVisibleAsync();
    }

    [GeneratedRegex("/chats/[0-9a-f-]{36}$")]
    private static partial Regex ChatUrlPattern();
}
