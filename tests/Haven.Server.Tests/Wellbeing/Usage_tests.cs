using System.Net;
using System.Net.Http.Json;
using Haven.Server.Chat;
using Haven.Server.Wellbeing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Server.Tests.Wellbeing;

public abstract class Usage_specification(WellbeingApp fixture)
{
    [Fact]
    public async Task Pings_close_together_make_one_session_and_a_gap_starts_another()
    {
        var member = await fixture.App.RegisterAsync();
        var start = fixture.Clock.GetUtcNow();

        for (var minute = 0; minute <= 20; minute++)
        {
            await TouchAsync(member);
            fixture.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        fixture.Clock.Advance(TimeSpan.FromMinutes(10));
        await TouchAsync(member);
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await TouchAsync(member);

        var sessions = await fixture.App.QueryAsync(db => db.UsageSessions.Where(s => s.MemberId == member.Id).OrderBy(s => s.Id).ToListAsync());
        Assert.Equal(2, sessions.Count);
        Assert.Equal(start, sessions[0].StartedAt);
        Assert.Equal(TimeSpan.FromMinutes(20), sessions[0].Length);
        Assert.Equal(TimeSpan.FromMinutes(2), sessions[1].Length);
    }

    [Fact]
    public async Task Dashboard_figures_equal_what_was_recorded_in_the_members_time_zone()
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        var http = ayu.Http;
        Assert.True((await http.PutAsJsonAsync("/api/wellbeing/settings", new { timeZone = "Asia/Jakarta" })).IsSuccessStatusCode);
        await Limit_specification.PutAsync(http, "DailyMinutes", 120);
        await Limit_specification.PutAsync(http, "DailySpend", 500);
        var time = MemberTime.For("Asia/Jakarta");
        var today = time.Date(fixture.Clock.GetUtcNow());
        DateTimeOffset At(int daysAgo, int hour) => time.StartOf(today.AddDays(-daysAgo)).AddHours(hour);

        // Yesterday: 23:30–00:30 local crosses midnight, so 30 minutes land on each day.
        await RecordAsync(ayu, At(1, 23).AddMinutes(30), 60);
        // Two days ago: 150 minutes in the afternoon (over the limit) and a night session at 02:00.
        await RecordAsync(ayu, At(2, 14), 150);
        await RecordAsync(ayu, At(2, 2), 15);
        // Six days ago (still in the 7-day window), and eight days ago (outside it).
        await RecordAsync(ayu, At(6, 9), 45);
        await RecordAsync(ayu, At(8, 9), 99);

        await using (var hub = await fixture.App.ConnectHubAsync(ayu))
        {
            for (var i = 0; i < 3; i++)
                await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), $"hai {i}"));
        }

        Assert.Null((await fixture.UseAsync<SpendingService, Outcome<long>>(s => s.RecordAsync(ayu.Id, 120, CancellationToken.None))).Refusal);
        Assert.Null((await fixture.UseAsync<SpendingService, Outcome<long>>(s => s.RecordAsync(ayu.Id, 30, CancellationToken.None))).Refusal);

        var report = (await http.GetFromJsonAsync<UsageReport>("/api/wellbeing/usage?days=7", Limit_specification.Json))!;
        var days = report.Days.ToDictionary(d => d.Date);

        Assert.Equal("Asia/Jakarta", report.TimeZone);
        Assert.Equal(7, report.Days.Count);
        Assert.Equal(today.AddDays(-6), report.From);
        Assert.Equal(30, days[today.AddDays(-1)].Minutes);
        Assert.Equal(165, days[today.AddDays(-2)].Minutes);
        Assert.Equal(45, days[today.AddDays(-6)].Minutes);
        Assert.Equal(1, days[today.AddDays(-1)].Sessions);
        Assert.Equal(2, days[today.AddDays(-2)].Sessions);
        Assert.Equal(3, days[today].MessagesSent);
        Assert.Equal(150, days[today].CreditsSpent);
        Assert.Equal(3, report.TotalMessages);
        Assert.Equal(150, report.TotalCredits);
        // Today holds 30 minutes from midnight plus the (zero-length) hub session.
        Assert.Equal(30, days[today].Minutes);
        Assert.Equal(30 + 30 + 165 + 45, report.TotalMinutes);
        Assert.Equal(1, report.DaysAtOrOverTimeLimit);
        Assert.Equal(1, report.SessionsByHour[23]);
        Assert.Equal(1, report.SessionsByHour[14]);
        Assert.Equal(1, report.SessionsByHour[2]);
        Assert.Equal(1, report.SessionsByHour[9]);
        Assert.Equal(1, report.NightSessions);
        Assert.Equal(120, report.Limits.Single(l => l.Kind == LimitKind.DailyMinutes).Value);

        var csv = await http.GetAsync("/api/wellbeing/usage.csv?days=7");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,minutes,sessions,messages_sent,credits_spent,daily_minutes_limit,daily_spend_limit", lines[0]);
        Assert.Equal(8, lines.Length);
        Assert.Contains($"{today.AddDays(-2):yyyy-MM-dd},165,2,0,0,120,500", lines);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(90)]
    public async Task Longer_periods_have_one_row_per_day(int period)
    {
        var member = await fixture.App.RegisterAsync();
        var report = (await member.Http.GetFromJsonAsync<UsageReport>($"/api/wellbeing/usage?days={period}", Limit_specification.Json))!;
        Assert.Equal(period, report.Days.Count);
        Assert.Equal(24, report.SessionsByHour.Count);
    }

    [Fact]
    public async Task An_unknown_time_zone_is_a_bad_request()
    {
        var member = await fixture.App.RegisterAsync();
        var response = await member.Http.PutAsJsonAsync("/api/wellbeing/settings", new { timeZone = "Mars/Olympus" });
        await Limit_specification.AssertRefusedAsync(response, HttpStatusCode.BadRequest, "TimeZoneUnknown");
    }

    [Fact]
    public async Task The_dashboard_page_renders_charts_for_the_member()
    {
        var member = await fixture.App.RegisterAsync();
        await RecordAsync(member, fixture.Clock.GetUtcNow().AddHours(-3), 42);
        using var browser = fixture.App.NewClient();
        var signIn = await browser.PostAsJsonAsync("/api/accounts/login?useCookies=true", new { email = member.Email, password = member.Password });
        Assert.True(signIn.IsSuccessStatusCode);

        var html = await browser.GetStringAsync("/wellbeing?days=30");

        Assert.Contains("data-testid=\"chart-time\"", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"chart-hours\"", html, StringComparison.Ordinal);
        Assert.Contains("42 minutes in total over 30 days", html, StringComparison.Ordinal);
        Assert.Contains("119 ext. 8", html, StringComparison.Ordinal);
    }

    private Task TouchAsync(TestMember member) =>
        fixture.App.Services.GetRequiredService<UsageRecorder>().TouchAsync(member.Id, CancellationToken.None);

    private Task<int> RecordAsync(TestMember member, DateTimeOffset start, int minutes) =>
        fixture.App.QueryAsync(async db =>
        {
            db.UsageSessions.Add(new UsageSession { MemberId = member.Id, StartedAt = start, LastSeenAt = start.AddMinutes(minutes) });
            return await db.SaveChangesAsync();
        });
}

public sealed class Usage_tests_on_SQLite(WellbeingApp fixture) : Usage_specification(fixture), IClassFixture<WellbeingApp>;

public sealed class Usage_tests_on_PostgreSQL(WellbeingPostgresApp fixture) : Usage_specification(fixture), IClassFixture<WellbeingPostgresApp>;
