using System.Net.Http.Json;
using Haven.Server.Wellbeing;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Wellbeing;

public abstract class Nudge_specification(WellbeingApp fixture)
{
    private const string Jakarta = "Asia/Jakarta";

    [Fact]
    public async Task Night_sessions_in_the_members_own_time_zone_bring_a_nudge_once_per_cooldown()
    {
        var member = await fixture.App.RegisterAsync();
        await SetTimeZoneAsync(member, Jakarta);
        // 01:00 in Jakarta is 18:00 UTC the day before: night for the member, evening in UTC.
        await RecordAsync(member, LocalDaysAgo(Jakarta, 1, hour: 1), minutes: 40);
        await RecordAsync(member, LocalDaysAgo(Jakarta, 2, hour: 2), minutes: 30);

        var first = await EvaluateAsync(member);
        var again = await EvaluateAsync(member);

        Assert.Equal([NudgeRule.NightUse], first);
        Assert.Empty(again);
        var shown = await member.Http.GetFromJsonAsync<List<NudgeView>>("/api/wellbeing/nudges", Limit_specification.Json);
        Assert.Equal(NudgeRule.NightUse, Assert.Single(shown!).Rule);

        // After the cooldown (72 hours by default) the same pattern may speak again.
        fixture.Clock.Advance(TimeSpan.FromHours(73));
        await RecordAsync(member, LocalDaysAgo(Jakarta, 0, hour: 0).AddMinutes(30), minutes: 20);
        Assert.Equal([NudgeRule.NightUse], await EvaluateAsync(member));
    }

    [Fact]
    public async Task The_same_hours_in_UTC_are_not_night_for_a_member_in_Jakarta()
    {
        var member = await fixture.App.RegisterAsync();
        await SetTimeZoneAsync(member, Jakarta);
        // 01:00 and 02:00 UTC are 08:00 and 09:00 in Jakarta.
        await RecordAsync(member, LocalDaysAgo("UTC", 1, hour: 1), minutes: 30);
        await RecordAsync(member, LocalDaysAgo("UTC", 2, hour: 2), minutes: 30);

        Assert.Empty(await EvaluateAsync(member));
    }

    [Fact]
    public async Task Week_over_week_escalation_brings_a_nudge()
    {
        var member = await fixture.App.RegisterAsync();
        var now = fixture.Clock.GetUtcNow();
        // Last week: 200 minutes. This week: 400 minutes, twice as much. All in the afternoon.
        await RecordAsync(member, now.AddDays(-10), minutes: 100);
        await RecordAsync(member, now.AddDays(-9), minutes: 100);
        for (var day = 1; day <= 4; day++)
            await RecordAsync(member, now.AddDays(-day), minutes: 100);

        Assert.Equal([NudgeRule.Escalation], await EvaluateAsync(member));
    }

    [Fact]
    public async Task Steady_use_does_not_count_as_escalation()
    {
        var member = await fixture.App.RegisterAsync();
        var now = fixture.Clock.GetUtcNow();
        for (var day = 1; day <= 13; day++)
            await RecordAsync(member, now.AddDays(-day), minutes: 60);

        Assert.Empty(await EvaluateAsync(member));
    }

    [Fact]
    public async Task A_member_who_turned_nudges_off_gets_none()
    {
        var member = await fixture.App.RegisterAsync();
        await SetTimeZoneAsync(member, Jakarta);
        var off = await member.Http.PutAsJsonAsync("/api/wellbeing/settings", new { nudgesEnabled = false });
        Assert.True(off.IsSuccessStatusCode);
        await RecordAsync(member, LocalDaysAgo(Jakarta, 1, hour: 1), minutes: 40);
        await RecordAsync(member, LocalDaysAgo(Jakarta, 2, hour: 2), minutes: 30);
        await RecordAsync(member, fixture.Clock.GetUtcNow().AddHours(-5), minutes: 240);

        Assert.Empty(await EvaluateAsync(member));
        Assert.Equal(0, await fixture.App.QueryAsync(db => db.Nudges.CountAsync(n => n.MemberId == member.Id)));
    }

    [Fact]
    public async Task A_very_long_session_and_repeated_limit_hits_each_bring_their_own_nudge()
    {
        var member = await fixture.App.RegisterAsync();
        var now = fixture.Clock.GetUtcNow();
        await RecordAsync(member, now.AddHours(-4), minutes: 200);
        await fixture.App.QueryAsync(async db =>
        {
            for (var day = 1; day <= 3; day++)
                db.LimitHits.Add(new LimitHit { MemberId = member.Id, Kind = LimitKind.DailyMinutes, LocalDate = DateOnly.FromDateTime(now.AddDays(-day).UtcDateTime), At = now.AddDays(-day) });
            return await db.SaveChangesAsync();
        });

        var fired = await EvaluateAsync(member);

        Assert.Equal([NudgeRule.LimitHits, NudgeRule.LongSession], fired.Order());
    }

    [Fact]
    public async Task A_member_can_put_a_nudge_away_but_not_someone_elses()
    {
        var member = await fixture.App.RegisterAsync();
        var other = await fixture.App.RegisterAsync();
        await RecordAsync(member, fixture.Clock.GetUtcNow().AddHours(-4), minutes: 200);
        await EvaluateAsync(member);
        var nudge = Assert.Single((await member.Http.GetFromJsonAsync<List<NudgeView>>("/api/wellbeing/nudges", Limit_specification.Json))!);

        var foreign = await other.Http.PostAsync($"/api/wellbeing/nudges/{nudge.Id}/dismiss", null);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Single((await member.Http.GetFromJsonAsync<List<NudgeView>>("/api/wellbeing/nudges", Limit_specification.Json))!);

        var own = await member.Http.PostAsync($"/api/wellbeing/nudges/{nudge.Id}/dismiss", null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, own.StatusCode);
        Assert.Empty((await member.Http.GetFromJsonAsync<List<NudgeView>>("/api/wellbeing/nudges", Limit_specification.Json))!);
    }

    private async Task SetTimeZoneAsync(TestMember member, string zone)
    {
        var response = await member.Http.PutAsJsonAsync("/api/wellbeing/settings", new { timeZone = zone });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private DateTimeOffset LocalDaysAgo(string zone, int days, int hour)
    {
        var time = MemberTime.For(zone);
        return time.StartOf(time.Date(fixture.Clock.GetUtcNow()).AddDays(-days)).AddHours(hour);
    }

    private Task<int> RecordAsync(TestMember member, DateTimeOffset start, int minutes) =>
        fixture.App.QueryAsync(async db =>
        {
            db.UsageSessions.Add(new UsageSession { MemberId = member.Id, StartedAt = start, LastSeenAt = start.AddMinutes(minutes) });
            return await db.SaveChangesAsync();
        });

    private async Task<List<NudgeRule>> EvaluateAsync(TestMember member) =>
        (await fixture.UseAsync<NudgeService, IReadOnlyList<Nudge>>(s => s.EvaluateAsync(member.Id, CancellationToken.None))).Select(n => n.Rule).ToList();
}

public sealed class Nudge_tests_on_SQLite(WellbeingApp fixture) : Nudge_specification(fixture), IClassFixture<WellbeingApp>;

public sealed class Nudge_tests_on_PostgreSQL(WellbeingPostgresApp fixture) : Nudge_specification(fixture), IClassFixture<WellbeingPostgresApp>;
