using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Haven.Server.Chat;
using Haven.Server.Moderation;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Haven.E2E.Tests;

/// <summary>A moderator handles a report in the console, from the queue to the statement of reasons the member reads.</summary>
public sealed partial class Moderation_console_in_the_browser(E2EFixture fixture) : IClassFixture<E2EFixture>
{
    [Fact]
    public async Task Moderator_handles_a_report_from_queue_to_statement_of_reasons()
    {
        var app = fixture.App;
        var ayu = await app.RegisterAsync("Ayu" + HavenApp.RandomLetters(6));
        var ben = await app.RegisterAsync("Ben" + HavenApp.RandomLetters(6));
        var moderator = await app.MakeModeratorAsync(await app.RegisterAsync("Mod" + HavenApp.RandomLetters(6)));
        // Ben reads Haven in Indonesian: his statement of reasons must be written in it.
        await app.QueryAsync(db => db.Users.Where(m => m.Id == ben.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.PreferredCulture, "id")));
        var conversation = await HavenApp.ConnectAsync(ayu, ben);
        await using (var hub = await app.ConnectHubAsync(ben))
            await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, Guid.NewGuid(), "answer me right now or else"));

        // Ayu reports Ben from the chat page.
        await using (var ayuContext = await NewContextAsync("en-GB"))
        {
            var page = await ayuContext.NewPageAsync();
            await page.SignInAsync(Url("/signin"), ayu.Email, ayu.Password);
            await page.GotoAsync(Url($"/chats/{conversation}"));
            await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("Live");
            await page.GetByTestId("report-open").ClickAsync();
            await page.GetByLabel("What is wrong?").SelectOptionAsync("harassment");
            await page.GetByLabel("Anything else we should know? (optional)").FillAsync("Threats after I said no.");
            await page.GetByTestId("report-submit").ClickAsync();
            await Assertions.Expect(page.GetByTestId("report-done")).ToContainTextAsync("Thank you for telling us");
        }

        // The moderator finds the case at the top of the queue and opens it.
        await using var moderatorContext = await NewContextAsync("en-GB", 1024, 900);
        var console = await moderatorContext.NewPageAsync();
        await console.SignInAsync(Url("/signin"), moderator.Email, moderator.Password);
        await console.GetByTestId("nav-moderation").ClickAsync();
        await console.WaitForURLAsync(new Regex("/moderation$"));
        var top = console.GetByTestId("queue-item").First;
        await Assertions.Expect(top).ToContainTextAsync(ben.Pseudonym);
        await Assertions.Expect(top).ToContainTextAsync("Harassment or abuse");
        await Assertions.Expect(top.GetByTestId("queue-priority")).ToHaveTextAsync("Medium");
        await top.GetByTestId("queue-open").ClickAsync();
        await console.WaitForURLAsync(new Regex("/moderation/cases/[0-9a-f-]{36}$"));

        // The evidence: the report and the sealed conversation snapshot with its digest.
        await Assertions.Expect(console.GetByTestId("case-title")).ToContainTextAsync(ben.Pseudonym);
        await Assertions.Expect(console.GetByTestId("case-report")).ToContainTextAsync("Threats after I said no.");
        await Assertions.Expect(console.GetByTestId("evidence").Filter(new() { HasText = "Conversation snapshot" }).GetByTestId("evidence-sha256"))
            .ToHaveTextAsync(Sha256Pattern());
        await Assertions.Expect(console.GetByText("None: this is the first.")).ToBeVisibleAsync();
        await console.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "moderation-case.png"), FullPage = true });

        // Suspend for 7 days under the harassment rule, with the facts Ben will read.
        await console.GetByTestId("assign-me").ClickAsync();
        await Assertions.Expect(console.GetByTestId("case-notice")).ToHaveTextAsync("The case is assigned to you.");
        await console.GetByLabel("Action", new() { Exact = true }).SelectOptionAsync("Suspend");
        await console.GetByLabel("Rule broken").SelectOptionAsync("Harassment");
        await console.GetByLabel("Facts", new() { Exact = true }).FillAsync("Threatening messages after being asked to stop.");
        await console.GetByLabel("Days", new() { Exact = true }).FillAsync("7");
        await console.GetByTestId("action-submit").ClickAsync();
        await Assertions.Expect(console.GetByTestId("case-notice")).ToContainTextAsync("statement of reasons");
        await Assertions.Expect(console.GetByTestId("case-status")).ToHaveTextAsync("Closed");
        await Assertions.Expect(console.GetByTestId("case-decision")).ToContainTextAsync("Suspend");

        // Ben reads the statement of reasons in Indonesian on his notices page.
        await using var benContext = await NewContextAsync("id-ID", 360, 740);
        var ben360 = await benContext.NewPageAsync();
        await ben360.SignInAsync(Url("/signin"), ben.Email, ben.Password);
        await ben360.GotoAsync(Url("/notices"));
        var statement = ben360.GetByTestId("notice-item").Filter(new() { HasText = "Keputusan tentang akunmu" });
        await Assertions.Expect(statement).ToContainTextAsync("ditangguhkan");
        await Assertions.Expect(statement).ToContainTextAsync("Tidak boleh melecehkan");
        await Assertions.Expect(statement).ToContainTextAsync("Threatening messages after being asked to stop.");
        await Assertions.Expect(statement).ToContainTextAsync("dibuat oleh moderator");
        await Assertions.Expect(statement.GetByTestId("appeal-submit")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Four_eyes_approval_appeal_decision_and_transparency_report_in_the_console()
    {
        var app = fixture.App;
        var ayu = await app.RegisterAsync();
        var ben = await app.RegisterAsync();
        var proposer = await app.MakeModeratorAsync(await app.RegisterAsync());
        var approver = await app.MakeModeratorAsync(await app.RegisterAsync());
        var admin = await app.MakeAdminAsync(await app.RegisterAsync());
        var reported = await ayu.Http.PostAsJsonAsync("/api/reports", new { target = "profile", category = "scam", memberId = ben.Id });
        var reportId = (await reported.Content.ReadFromJsonAsync<ReportView>())!.Id;
        var caseId = await app.QueryAsync(db => db.Reports.Where(r => r.Id == reportId).Select(r => r.CaseId).SingleAsync());
        var proposed = await proposer.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions",
            new { action = "ban", rule = "scam", facts = "Asked several members for money with the same story." });
        Assert.True(proposed.IsSuccessStatusCode);
        var start = DateTime.UtcNow;

        // The proposer sees their own ban waiting, and cannot approve it.
        await using (var proposerContext = await NewContextAsync("en-GB"))
        {
            var page = await proposerContext.NewPageAsync();
            await page.SignInAsync(Url("/signin"), proposer.Email, proposer.Password);
            await page.GotoAsync(Url("/moderation/approvals"));
            var own = page.GetByTestId("approval").Filter(new() { HasText = "Asked several members for money" });
            await Assertions.Expect(own.GetByTestId("own-proposal")).ToHaveTextAsync("You proposed this, so another moderator needs to approve it.");
            await Assertions.Expect(own.GetByTestId("approve")).ToBeDisabledAsync();
        }

        // A second moderator approves it.
        await using (var approverContext = await NewContextAsync("en-GB"))
        {
            var page = await approverContext.NewPageAsync();
            await page.SignInAsync(Url("/signin"), approver.Email, approver.Password);
            await page.GotoAsync(Url("/moderation/approvals"));
            var waiting = page.GetByTestId("approval").Filter(new() { HasText = "Asked several members for money" });
            await Assertions.Expect(waiting.GetByTestId("approve")).ToBeEnabledAsync();
            await waiting.GetByTestId("approve").ClickAsync();
            await Assertions.Expect(page.GetByTestId("approvals-empty")).ToBeVisibleAsync();
        }

        var decisionId = await app.QueryAsync(db => db.CaseDecisions.Where(d => d.CaseId == caseId).Select(d => d.Id).SingleAsync());
        var appealed = await ben.Http.PostAsJsonAsync("/api/appeals", new { decisionId, text = "I was selling concert tickets, not asking for money." });
        Assert.True(appealed.IsSuccessStatusCode);

        // Neither moderator who took part may decide the appeal; the admin, who moderates too, reverses it.
        await using var adminContext = await NewContextAsync("en-GB", 1024, 900);
        var console = await adminContext.NewPageAsync();
        await console.SignInAsync(Url("/signin"), admin.Email, admin.Password);
        await console.GotoAsync(Url("/moderation/appeals"));
        var appeal = console.GetByTestId("appeal").Filter(new() { HasText = "concert tickets" });
        await appeal.GetByTestId("appeal-reason").FillAsync("The messages show ticket sales, not a scam.");
        await appeal.GetByTestId("appeal-reverse").ClickAsync();
        await Assertions.Expect(console.GetByTestId("appeals-empty")).ToBeVisibleAsync();

        // This month's transparency report counts the ban and the reversal.
        await console.GetByTestId("nav-transparency").ClickAsync();
        await console.WaitForURLAsync(new Regex("/admin/transparency$"));
        var month = new DateTime(start.Year, start.Month, 1);
        await console.GetByTestId("transparency-from").FillAsync(month.ToString("yyyy-MM-dd"));
        await console.GetByTestId("transparency-to").FillAsync(month.AddMonths(1).ToString("yyyy-MM-dd"));
        await console.GetByTestId("transparency-show").ClickAsync();
        await Assertions.Expect(console.GetByTestId("transparency-csv")).ToHaveAttributeAsync("href", new Regex($"from={month:yyyy-MM-dd}.*format=csv$"));
        await Assertions.Expect(Figure(console, "Ban")).ToHaveTextAsync("1");
        await Assertions.Expect(Figure(console, "Decision reversed")).ToHaveTextAsync("1");
        await Assertions.Expect(Figure(console, "Reversal rate")).ToHaveTextAsync("100%");
        await console.ScreenshotAsync(new() { Path = Path.Combine(E2EFixture.OutputDirectory, "transparency.png"), FullPage = true });
    }

    [Fact]
    public async Task Members_cannot_open_the_console()
    {
        var member = await fixture.App.RegisterAsync();
        await using var context = await NewContextAsync("en-GB");
        var page = await context.NewPageAsync();
        await page.SignInAsync(Url("/signin"), member.Email, member.Password);
        await Assertions.Expect(page.GetByTestId("nav-moderation")).ToHaveCountAsync(0);
        foreach (var path in new[] { "/moderation", "/moderation/approvals", "/moderation/appeals", "/admin/transparency" })
        {
            await page.GotoAsync(Url(path));
            await Assertions.Expect(page.Locator("h1")).Not.ToHaveTextAsync(new Regex("queue|Approvals|Appeals|Transparency"));
            await Assertions.Expect(page.Locator(".console-nav")).ToHaveCountAsync(0);
        }
    }

    /// <summary>The value cell of the report row headed <paramref name="name"/>.</summary>
    private static ILocator Figure(IPage page, string name) =>
        page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) }).Locator("td");

    private Task<IBrowserContext> NewContextAsync(string locale, int width = 1024, int height = 768) =>
        fixture.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = width, Height = height } });

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).ToString();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Pattern();
}
