using Haven.Server.Chat;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Safety tips under received messages, the interstitial in front of links, and safety's "Are you sure?", in Chromium.</summary>
public sealed class Message_safety_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Recipient_sees_a_money_tip_and_a_link_opens_an_interstitial_first()
    {
        var rudi = await fixture.App.RegisterAsync("Rudi" + HavenApp.RandomLetters(6));
        var sari = await fixture.App.RegisterAsync("Sari" + HavenApp.RandomLetters(6));
        var longAgo = DateTimeOffset.UtcNow.AddDays(-90);
        await fixture.App.QueryAsync(db => db.Users.Where(u => u.Id == rudi.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, longAgo)));
        var conversationId = await HavenApp.ConnectAsync(rudi, sari);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 360, Height = 740 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), sari.Email, sari.Password);
        await OpenChatAsync(page, conversationId);

        await using var rudiHub = await fixture.App.ConnectHubAsync(rudi);
        await rudiHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(),
            "Kak, tolong transfer 500 ribu ke rekening BCA aku ya, darurat banget"));
        await rudiHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(),
            "the cafe I meant: https://example.org/cafe"));

        await Assertions.Expect(page.GetByTestId("safety-tip")).ToContainTextAsync("Haven never asks you to pay in chat");
        await page.GetByTestId("message-link").ClickAsync();
        var interstitial = page.GetByTestId("link-interstitial");
        await Assertions.Expect(interstitial).ToContainTextAsync("You're leaving Haven");
        await Assertions.Expect(page.GetByTestId("link-verdict")).ToContainTextAsync("nothing known against this link");
        await Assertions.Expect(interstitial.GetByRole(AriaRole.Link, new() { Name = "Open link" })).ToHaveAttributeAsync("href", "https://example.org/cafe");
        var stay = interstitial.GetByRole(AriaRole.Button, new() { Name = "Stay on Haven" });
        await Assertions.Expect(stay).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(interstitial).ToHaveCountAsync(0);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"page is {overflow}px wider than the 360px viewport");
        await page.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "message-safety-360px.png"), FullPage = true });
    }

    [Fact]
    public async Task Sender_is_asked_are_you_sure_with_the_reason_before_sharing_a_phone_number()
    {
        var ayu = await fixture.App.RegisterAsync("Ayu" + HavenApp.RandomLetters(6));
        var ben = await fixture.App.RegisterAsync("Ben" + HavenApp.RandomLetters(6));
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1024, Height = 768 }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);
        await OpenChatAsync(page, conversationId);

        await page.GetByTestId("composer").FillAsync("you can reach me at 0812 3456 7890 if you like");
        await page.GetByTestId("send").ClickAsync();
        var unsure = page.GetByTestId("are-you-sure");
        await Assertions.Expect(unsure).ToContainTextAsync("phone number");
        await page.GetByTestId("send-anyway").ClickAsync();

        await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "0812 3456 7890" })).ToHaveCountAsync(1);
        await Assertions.Expect(unsure).ToHaveCountAsync(0);
    }

    private async Task OpenChatAsync(IPage page, Guid conversationId)
    {
        await page.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
    }

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();
}
