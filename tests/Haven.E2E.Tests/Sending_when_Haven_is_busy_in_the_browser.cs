using System.Text.RegularExpressions;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>Haven whose message write queue has one place, so a stalled commit makes it refuse sends as Busy.</summary>
public sealed class BusyE2EFixture() : E2EFixture(new Dictionary<string, string?> { ["Haven:Chat:WriteQueueCapacity"] = "1" }, "Testing");

/// <summary>
/// A send Haven refuses for a passing reason (its write queue is full) is not the member's problem: the web
/// chat shows it as sending, sends it again with the same id, and it is stored once.
/// </summary>
public sealed partial class Sending_when_Haven_is_busy_in_the_browser(BusyE2EFixture fixture) : IClassFixture<BusyE2EFixture>
{
    [Fact]
    public async Task Messages_refused_as_busy_are_sent_again_by_the_page_and_stored_once()
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);
        await page.GotoAsync(Url($"/chats/{conversationId}"));
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");

        string[] texts = ["satu", "dua", "tiga", "empat"];
        var busyBefore = await BusyRefusalsAsync();
        await using (var otherWriter = new SqliteConnection(fixture.App.ConnectionString + ";Pooling=False"))
        {
            // Another writer holds SQLite's write lock: the first message's commit waits, the second takes the
            // queue's one place, and the others are refused as Busy until the lock is released.
            await otherWriter.OpenAsync();
            using var writeLock = otherWriter.BeginTransaction(deferred: false);
            foreach (var text in texts)
            {
                await page.GetByTestId("composer").FillAsync(text);
                await page.GetByTestId("composer").PressAsync("Enter");
            }

            await Eventually.HoldsAsync(async () => await BusyRefusalsAsync() > busyBefore, seconds: 10);
            await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = "empat" })).ToHaveClassAsync(PendingClass());
            await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveCountAsync(0);
        }

        foreach (var text in texts)
            await Assertions.Expect(page.GetByTestId("message").Filter(new() { HasText = text })).Not.ToHaveClassAsync(PendingClass());
        await Assertions.Expect(page.GetByTestId("chat-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("composer")).ToHaveValueAsync("");
        Assert.Equal(texts.Length, await fixture.App.CountMessagesAsync(conversationId));
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

    [GeneratedRegex(@"\bpending\b")]
    private static partial Regex PendingClass();
}
