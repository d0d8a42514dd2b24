using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Haven.Server.Chat;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Haven whose message write queue has one place, so a stalled commit makes it refuse sends as Busy.</summary>
public sealed class BusyE2EFixture() : E2EFixture(new Dictionary<string, string?> { ["Haven:Chat:WriteQueueCapacity"] = "1" }, "Testing");

/// <summary>
/// A send Haven refuses for a passing reason (its write queue is full) is not the member's problem: the web
/// chat shows it as sending, sends it again with the same id, stores it once, and keeps what was written
/// after it behind it.
/// </summary>
public sealed partial class Sending_when_Haven_is_busy_in_the_browser(BusyE2EFixture fixture) : IClassFixture<BusyE2EFixture>
{
    [Fact]
    public async Task Messages_refused_as_busy_are_sent_again_by_the_page_stored_once_and_kept_in_order()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var (page, ayu, conversationId) = await OpenChatAsync(context);

        string[] texts = ["satu", "dua", "tiga", "empat"];
        var busyBefore = await BusyRefusalsAsync();
        await using (var otherWriter = new SqliteConnection(fixture.App.ConnectionString + ";Pooling=False"))
        {
            // Another writer holds SQLite's write lock: the first message's commit waits, the second takes the
            // queue's one place, and the third is refused as Busy until the lock is released.
            await otherWriter.OpenAsync();
            using var writeLock = otherWriter.BeginTransaction(deferred: false);
            foreach (var text in texts[..3])
                await SendAsync(page, text);
            await Eventually.HoldsAsync(async () => await BusyRefusalsAsync() > busyBefore, seconds: 10);
            // Written while the third waits to go again: it waits too, rather than overtaking it.
            await SendAsync(page, texts[3]);

            foreach (var waiting in texts[2..])
                await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = waiting })).ToHaveClassAsync(PageSteps.PendingClass());
            await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveCountAsync(0);
        }

        foreach (var text in texts)
            await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = text })).Not.ToHaveClassAsync(PageSteps.PendingClass());
        await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("composer")).ToHaveValueAsync("");
        var stored = await ayu.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.Equal(texts, stored!.Items.Select(m => m.Text));
    }

    [Fact]
    public async Task A_message_still_refused_after_the_page_tried_again_stays_until_the_member_sends_it_again()
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var (page, ayu, conversationId) = await OpenChatAsync(context);
        string[] texts = ["pagi", "siang", "sore"];
        var third = page.GetByTestId("message").Filter(new() { HasText = "sore" });
        await using (var otherWriter = new SqliteConnection(fixture.App.ConnectionString + ";Pooling=False"))
        {
            // Held for longer than the page goes on trying on its own (about 16 s), within the writer's 30 s busy timeout.
            await otherWriter.OpenAsync();
            using var writeLock = otherWriter.BeginTransaction(deferred: false);
            foreach (var text in texts)
                await SendAsync(page, text);

            await Assertions.Expect(third.GetByTestId("send-again")).ToBeVisibleAsync(new() { Timeout = 25_000 });
            await Assertions.Expect(third.GetByTestId("not-sent")).ToHaveTextAsync("· Not sent");
            await Assertions.Expect(page.GetByTestId("chat-error")).ToContainTextAsync("Haven is very busy right now");
            await Assertions.Expect(page.GetByTestId("composer")).ToHaveValueAsync("");
        }

        foreach (var text in texts[..2])
            await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = text })).Not.ToHaveClassAsync(PageSteps.PendingClass());
        await third.GetByTestId("send-again").ClickAsync();

        await Assertions.Expect(third).Not.ToHaveClassAsync(PageSteps.PendingClass());
        await Assertions.Expect(page.GetByTestId("not-sent")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveCountAsync(0);
        var stored = await ayu.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.Equal(texts, stored!.Items.Select(m => m.Text));
    }

    private async Task<(IPage Page, TestMember Ayu, Guid ConversationId)> OpenChatAsync(IBrowserContext context)
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);
        await page.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
        return (page, ayu, conversationId);
    }

    private static async Task SendAsync(IPage page, string text)
    {
        await page.GetByTestId("composer").FillAsync(text);
        await page.GetByTestId("composer").PressAsync("Enter");
    }

    /// <summary>How many sends this node has refused as Busy, from its Prometheus scrape.</summary>
    private async Task<long> BusyRefusalsAsync()
    {
        using var scraper = fixture.App.NewClient();
        var scrape = await scraper.GetStringAsync("/metrics");
        return BusyCounter().Matches(scrape).Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();

    [GeneratedRegex("""^haven_chat_refused_total\{[^}]*code="Busy"[^}]*\} (\d+)""", RegexOptions.Multiline)]
    private static partial Regex BusyCounter();

}
