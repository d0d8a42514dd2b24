using System.Net;
using System.Net.Http.Json;
using Haven.Safety.Policy;
using Haven.Server.Chat;
using Haven.Server.Moderation;
using Haven.Server.Transparency;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Server.Tests.Transparency;

/// <summary>The transparency report, run against each database provider (subclasses at the end).</summary>
public abstract class TransparencyReportSpecification(TransparencyApp fixture)
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Report_counts_notices_actions_automation_median_time_to_action_and_appeals_of_the_period()
    {
        var start = fixture.FreshMonth().AddDays(3);
        fixture.Clock.SetUtcNow(start);
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var cara = await App.RegisterAsync();
        var dan = await App.RegisterAsync();
        var eko = await App.RegisterAsync();
        var fay = await App.RegisterAsync();
        var decider = await App.MakeModeratorAsync(await App.RegisterAsync());
        var reviewer = await App.MakeModeratorAsync(await App.RegisterAsync());
        var admin = await App.MakeAdminAsync(await App.RegisterAsync());
        var conversation = await HavenApp.ConnectAsync(ayu, ben);
        long messageId;
        await using (var hub = await App.ConnectHubAsync(ben))
            messageId = (await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, Guid.NewGuid(), "answer me or else"))).MessageId;

        // Three notices: harassment (a message), spam (a profile), scam (a profile, and the reporter blocks).
        var harassment = await ReportAsync(ayu, new { target = "message", category = "harassment", messageId });
        var spam = await ReportAsync(cara, new { target = "profile", category = "spam", memberId = dan.Id });
        var scam = await ReportAsync(dan, new { target = "profile", category = "scam", memberId = eko.Id, block = true });

        // One own-initiative detection decided automatically at once (0 h), and one hash-list match.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var caseId = await scope.ServiceProvider.GetRequiredService<ICaseIntake>().OpenOrJoinAsync(
                new CaseSignal(cara.Id, CaseKind.AutomatedSignal, CasePriority.Low, "message:1", null, "spam.repeated_link", Category: ReportCategory.Spam), default);
            var automated = await scope.ServiceProvider.GetRequiredService<Enforcement>()
                .DecideAutomaticallyAsync(caseId, ModerationAction.Warn, ReportCategory.Spam, "The same link was sent to 40 members in an hour.", null, default);
            Assert.Null(automated.Refusal);
            // A hash-list match, as Media hands it to moderation; the case stays open.
            await scope.ServiceProvider.GetRequiredService<ICaseIntake>().OpenOrJoinAsync(
                new CaseSignal(fay.Id, CaseKind.NonConsensualImageryMatch, CasePriority.High, "media:1", null, "media.hash_match.ncii"), default);
        }

        // Manual decisions after 2 h, 6 h and 7 h: the median of 0, 2, 6 and 7 hours is 4.
        fixture.Clock.Advance(TimeSpan.FromHours(2));
        var suspension = await ActAsync(decider, harassment, new { action = "suspend", rule = "harassment", facts = "Threats after being asked to stop.", days = 7 });
        fixture.Clock.Advance(TimeSpan.FromHours(4));
        var warning = await ActAsync(decider, spam, new { action = "warn", rule = "spam", facts = "Advertising in every request." });
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await ActAsync(decider, scam, new { action = "dismiss" });

        // Two appeals, decided by the other moderator an hour and two hours later: one reversed, one upheld.
        var benAppeal = await AppealAsync(ben, suspension.Id);
        var danAppeal = await AppealAsync(dan, warning.Id);
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await DecideAppealAsync(reviewer, benAppeal, "reversed");
        fixture.Clock.Advance(TimeSpan.FromHours(1));
        await DecideAppealAsync(reviewer, danAppeal, "upheld");

        var monthStart = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var report = (await admin.Http.GetFromJsonAsync<TransparencyReportView>(
            $"/api/admin/transparency?from={monthStart:yyyy-MM-dd}&to={monthStart.AddMonths(1):yyyy-MM-dd}"))!;

        Assert.Equal(monthStart, report.From);
        Assert.Equal(3, report.Notices.Total);
        Assert.Equal(1, report.Notices.ByCategory["harassment"]);
        Assert.Equal(1, report.Notices.ByCategory["spam"]);
        Assert.Equal(1, report.Notices.ByCategory["scam"]);
        Assert.Equal(0, report.Notices.ByCategory["minor_at_risk"]);
        Assert.Equal(8, report.Notices.ByCategory.Count);
        Assert.Equal(1, report.Notices.ReportersWhoAlsoBlocked);
        Assert.Equal(2, report.OwnInitiative.Total);
        Assert.Equal(1, report.OwnInitiative.ByKind[TransparencyReport.SafetySignalKind]);
        Assert.Equal(1, report.OwnInitiative.ByKind["non_consensual_imagery_match"]);
        Assert.Equal(0, report.OwnInitiative.ByKind["child_safety_media_match"]);
        Assert.Equal(1, report.OwnInitiative.ByCategory["spam"]);
        Assert.Equal(1, report.OwnInitiative.ByCategory["intimate_images"]);

        Assert.Equal(4, report.Actions.Total);
        Assert.Equal(2, report.Actions.ByType["warn"]);
        Assert.Equal(1, report.Actions.ByType["suspend"]);
        Assert.Equal(1, report.Actions.ByType["dismiss"]);
        Assert.Equal(0, report.Actions.ByType["ban"]);
        Assert.Equal(2, report.Actions.ByRule["spam"]);
        Assert.Equal(1, report.Actions.Automated);
        Assert.Equal(3, report.Actions.Manual);

        Assert.Equal(4, report.TimeToAction.Cases);
        Assert.Equal(4.0, report.TimeToAction.MedianHours);
        Assert.Equal(2.0, report.TimeToAction.MedianHoursByCategory["harassment"]);
        Assert.Equal(3.0, report.TimeToAction.MedianHoursByCategory["spam"]);
        Assert.Equal(7.0, report.TimeToAction.MedianHoursByCategory["scam"]);
        Assert.Null(report.TimeToAction.MedianHoursByCategory["coercion"]);

        Assert.Equal(2, report.Appeals.Filed);
        Assert.Equal(2, report.Appeals.Decided);
        Assert.Equal(1, report.Appeals.Upheld);
        Assert.Equal(1, report.Appeals.Reversed);
        Assert.Equal(0, report.Appeals.StillPending);
        Assert.Equal(0.5, report.Appeals.ReversalRate);
        Assert.Equal(1.5, report.Appeals.MedianHoursToDecision);
        Assert.Equal(1, report.RestrictionsByKind["suspended"]);

        // The same figures as CSV: a header, then section,metric,dimension,value rows.
        var csv = await admin.Http.GetAsync($"/api/admin/transparency?from={monthStart:yyyy-MM-dd}&to={monthStart.AddMonths(1):yyyy-MM-dd}&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = await csv.Content.ReadAsStringAsync();
        Assert.EndsWith("\r\n", text);
        var lines = text.TrimEnd('\r', '\n').Split("\r\n");
        Assert.Equal(TransparencyCsv.Header, lines[0]);
        Assert.Contains("notices,by_category,harassment,1", lines);
        Assert.Contains("actions,automated,,1", lines);
        Assert.Contains("actions,manual,,3", lines);
        Assert.Contains("time_to_action,median_hours,,4", lines);
        Assert.Contains("appeals,reversal_rate,,0.5", lines);
        Assert.Contains($"report,period_from,,{monthStart:yyyy-MM-dd}T00:00:00Z", lines);
        // The format name holds a comma, so it is quoted; every other row has exactly four fields.
        Assert.Contains($"report,format,,\"{TransparencyReport.FormatName}\"", lines);
        Assert.All(lines.Where(l => !l.StartsWith("report,format,", StringComparison.Ordinal)), l => Assert.Equal(4, l.Split(',').Length));

        // The next month saw none of it.
        var next = (await admin.Http.GetFromJsonAsync<TransparencyReportView>(
            $"/api/admin/transparency?from={monthStart.AddMonths(1):yyyy-MM-dd}&to={monthStart.AddMonths(2):yyyy-MM-dd}"))!;
        Assert.Equal(0, next.Notices.Total);
        Assert.Equal(0, next.Actions.Total);
        Assert.Null(next.TimeToAction.MedianHours);
        Assert.Null(next.Appeals.ReversalRate);
    }

    [Fact]
    public async Task Only_admins_get_the_transparency_report()
    {
        var member = await App.RegisterAsync();
        var moderator = await App.MakeModeratorAsync(await App.RegisterAsync());
        var admin = await App.MakeAdminAsync(await App.RegisterAsync());
        using var anonymous = App.NewClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/admin/transparency")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync("/api/admin/transparency")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/api/admin/transparency?format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/admin/transparency")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/admin/transparency?format=csv")).StatusCode);
    }

    [Theory]
    [InlineData("from=yesterday&to=2026-02-01", "PeriodInvalid")]
    [InlineData("from=2026-01-01", "PeriodInvalid")]
    [InlineData("from=2026-03-01&to=2026-02-01", "PeriodInvalid")]
    [InlineData("from=2026-02-01&to=2026-02-01", "PeriodInvalid")]
    [InlineData("format=xml", "FormatInvalid")]
    public async Task Bad_periods_and_formats_are_refused_with_problem_details(string query, string code)
    {
        var admin = await App.MakeAdminAsync(await App.RegisterAsync());
        var response = await admin.Http.GetAsync($"/api/admin/transparency?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(code, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_period_the_report_covers_the_last_full_calendar_month()
    {
        var admin = await App.MakeAdminAsync(await App.RegisterAsync());
        var now = fixture.Clock.GetUtcNow();
        var report = (await admin.Http.GetFromJsonAsync<TransparencyReportView>("/api/admin/transparency"))!;
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(thisMonth.AddMonths(-1), report.From);
        Assert.Equal(thisMonth, report.To);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Csv_fields_are_quoted_as_RFC_4180_asks(string value, string expected) =>
        Assert.Equal(expected, TransparencyCsv.Field(value));

    private static async Task<Guid> ReportAsync(TestMember reporter, object report)
    {
        var response = await reporter.Http.PostAsJsonAsync("/api/reports", report);
        Assert.True(response.IsSuccessStatusCode, $"report failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ReportView>())!.Id;
    }

    private async Task<DecisionView> ActAsync(TestMember moderator, Guid reportId, object action)
    {
        var caseId = await App.QueryAsync(db => db.Reports.Where(r => r.Id == reportId).Select(r => r.CaseId).SingleAsync());
        var response = await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions", action);
        Assert.True(response.IsSuccessStatusCode, $"action failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<DecisionView>())!;
    }

    private static async Task<Guid> AppealAsync(TestMember member, Guid decisionId)
    {
        var response = await member.Http.PostAsJsonAsync("/api/appeals", new { decisionId, text = "Please look again." });
        Assert.True(response.IsSuccessStatusCode, $"appeal failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<AppealView>())!.Id;
    }

    private static async Task DecideAppealAsync(TestMember moderator, Guid appealId, string outcome)
    {
        var response = await moderator.Http.PostAsJsonAsync($"/api/moderation/appeals/{appealId}/decide", new { outcome, reason = "Looked again." });
        Assert.True(response.IsSuccessStatusCode, $"appeal decision failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}

public sealed class Transparency_on_sqlite(SqliteTransparencyApp fixture) : TransparencyReportSpecification(fixture), IClassFixture<SqliteTransparencyApp>;

public sealed class Transparency_on_postgres(PostgresTransparencyApp fixture) : TransparencyReportSpecification(fixture), IClassFixture<PostgresTransparencyApp>;
