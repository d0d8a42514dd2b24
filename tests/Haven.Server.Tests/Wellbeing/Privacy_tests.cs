using System.Net;
using System.Net.Http.Json;
using Haven.Server.Wellbeing;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Wellbeing;

/// <summary>Wellbeing data belongs to the member; a partner sees weekly counts, only while the member allows it.</summary>
public abstract class Privacy_specification(WellbeingApp fixture)
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task One_member_cannot_read_anothers_wellbeing_data()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        await Limit_specification.PutAsync(ayu.Http, "DailyMinutes", 33);
        Assert.True((await ayu.Http.PutAsJsonAsync("/api/wellbeing/settings", new { timeZone = "Asia/Jakarta", realityCheckMinutes = 30 })).IsSuccessStatusCode);
        Assert.True((await ayu.Http.PostAsJsonAsync("/api/wellbeing/self-checks", new { kind = "Phq2", answers = new[] { 3, 3 } })).IsSuccessStatusCode);
        await App.QueryAsync(async db =>
        {
            var now = fixture.Clock.GetUtcNow();
            db.UsageSessions.Add(new UsageSession { MemberId = ayu.Id, StartedAt = now.AddHours(-2), LastSeenAt = now.AddHours(-1) });
            return await db.SaveChangesAsync();
        });

        var settings = await ben.Http.GetFromJsonAsync<WellbeingSettingsView>("/api/wellbeing/settings", Limit_specification.Json);
        var usage = await ben.Http.GetFromJsonAsync<UsageReport>("/api/wellbeing/usage?days=7", Limit_specification.Json);
        var checks = await ben.Http.GetFromJsonAsync<List<SelfCheckView>>("/api/wellbeing/self-checks", Limit_specification.Json);
        var shared = await ben.Http.GetFromJsonAsync<List<PartnerSummaryView>>("/api/wellbeing/partner/shared-with-me", Limit_specification.Json);

        Assert.Equal("UTC", settings!.TimeZone);
        Assert.Null(settings.RealityCheckMinutes);
        Assert.All(settings.Limits, l => Assert.Null(l.Value));
        Assert.Equal(0, usage!.TotalMinutes);
        Assert.Empty(checks!);
        Assert.Empty(shared!);
        // Ayu's own view has all of it.
        Assert.Single((await ayu.Http.GetFromJsonAsync<List<SelfCheckView>>("/api/wellbeing/self-checks", Limit_specification.Json))!);
        Assert.Equal(60, (await ayu.Http.GetFromJsonAsync<UsageReport>("/api/wellbeing/usage?days=7", Limit_specification.Json))!.TotalMinutes);
    }

    [Theory]
    [InlineData("GET", "/api/wellbeing/settings")]
    [InlineData("GET", "/api/wellbeing/usage")]
    [InlineData("GET", "/api/wellbeing/usage.csv")]
    [InlineData("GET", "/api/wellbeing/self-checks")]
    [InlineData("GET", "/api/wellbeing/nudges")]
    [InlineData("GET", "/api/wellbeing/partner/shared-with-me")]
    [InlineData("POST", "/api/wellbeing/pauses")]
    public async Task Wellbeing_data_needs_a_signed_in_member(string method, string path)
    {
        using var anonymous = App.NewClient();
        var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_partner_gets_weekly_counts_only_until_the_member_revokes()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var carla = await App.RegisterAsync();
        await HavenApp.ConnectAsync(ayu, ben);
        await Limit_specification.PutAsync(ayu.Http, "DailyMinutes", 60);
        Assert.Equal(HttpStatusCode.NotFound, (await ayu.Http.PutAsJsonAsync("/api/wellbeing/partner", new { memberId = carla.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ayu.Http.PutAsJsonAsync("/api/wellbeing/partner", new { memberId = ben.Id })).StatusCode);
        var weekStart = MemberTime.WeekStart(DateOnly.FromDateTime(fixture.Clock.GetUtcNow().UtcDateTime));
        await App.QueryAsync(async db =>
        {
            db.LimitHits.Add(new LimitHit { MemberId = ayu.Id, Kind = LimitKind.DailyMinutes, LocalDate = weekStart.AddDays(1), At = fixture.Clock.GetUtcNow() });
            return await db.SaveChangesAsync();
        });

        // The week ends; the summary for it is written (by the sweep, or here: writing is idempotent).
        fixture.Clock.Advance(TimeSpan.FromDays(7));
        await fixture.UseAsync<PartnerService, int>(s => s.GenerateDueAsync(CancellationToken.None));
        var benHttp = await fixture.SignInAgainAsync(ben);
        var carlaHttp = await fixture.SignInAgainAsync(carla);

        var summary = Assert.Single((await benHttp.GetFromJsonAsync<List<PartnerSummaryView>>("/api/wellbeing/partner/shared-with-me", Limit_specification.Json))!);
        Assert.Equal(ayu.Id, summary.MemberId);
        Assert.Equal(weekStart, summary.WeekStart);
        Assert.Equal(1, summary.LimitsSet);
        Assert.Equal(6, summary.DaysWithinLimits);
        Assert.Equal(1, summary.LimitHits);
        Assert.Empty((await carlaHttp.GetFromJsonAsync<List<PartnerSummaryView>>("/api/wellbeing/partner/shared-with-me", Limit_specification.Json))!);

        var ayuHttp = await fixture.SignInAgainAsync(ayu);
        Assert.Equal(HttpStatusCode.NoContent, (await ayuHttp.DeleteAsync("/api/wellbeing/partner")).StatusCode);
        Assert.Empty((await benHttp.GetFromJsonAsync<List<PartnerSummaryView>>("/api/wellbeing/partner/shared-with-me", Limit_specification.Json))!);
        Assert.Equal(0, await App.QueryAsync(db => db.PartnerSummaries.CountAsync(s => s.MemberId == ayu.Id)));
    }

    [Fact]
    public async Task Self_checks_keep_only_the_score_and_say_when_talking_to_someone_may_help()
    {
        var member = await App.RegisterAsync();

        var low = await member.Http.PostAsJsonAsync("/api/wellbeing/self-checks", new { kind = "Gad2", answers = new[] { 1, 0 } });
        var high = await member.Http.PostAsJsonAsync("/api/wellbeing/self-checks", new { kind = "Phq2", answers = new[] { 2, 2 } });
        var reflection = await member.Http.PostAsJsonAsync("/api/wellbeing/self-checks", new { kind = "Reflection", answers = new[] { 1, 1, 1, 1, 1 } });
        var incomplete = await member.Http.PostAsJsonAsync("/api/wellbeing/self-checks", new { kind = "Phq2", answers = new[] { 2 } });
        var outOfScale = await member.Http.PostAsJsonAsync("/api/wellbeing/self-checks", new { kind = "Gad2", answers = new[] { 4, 0 } });

        Assert.Equal(SelfCheckBand.Fine, (await low.Content.ReadFromJsonAsync<SelfCheckView>(Limit_specification.Json))!.Band);
        var highView = (await high.Content.ReadFromJsonAsync<SelfCheckView>(Limit_specification.Json))!;
        Assert.Equal((4, 6, SelfCheckBand.WorthTalking), (highView.Score, highView.MaxScore, highView.Band));
        Assert.Equal(SelfCheckBand.WorthWatching, (await reflection.Content.ReadFromJsonAsync<SelfCheckView>(Limit_specification.Json))!.Band);
        await Limit_specification.AssertRefusedAsync(incomplete, HttpStatusCode.BadRequest, "SelfCheckAnswers");
        await Limit_specification.AssertRefusedAsync(outOfScale, HttpStatusCode.BadRequest, "SelfCheckAnswers");

        Assert.Equal(HttpStatusCode.NoContent, (await member.Http.DeleteAsync("/api/wellbeing/self-checks")).StatusCode);
        Assert.Empty((await member.Http.GetFromJsonAsync<List<SelfCheckView>>("/api/wellbeing/self-checks", Limit_specification.Json))!);
    }

    [Theory]
    [InlineData("ID", "119 ext. 8")]
    [InlineData("US", "988")]
    [InlineData("GB", "116 123")]
    [InlineData("FR", "findahelpline.com")]
    public async Task Helplines_list_the_country_and_always_an_international_fallback(string country, string number)
    {
        using var anonymous = App.NewClient();
        var lines = await anonymous.GetFromJsonAsync<List<HelplineView>>($"/api/wellbeing/helplines?country={country}");
        Assert.Contains(lines!, l => l.Number == number);
        Assert.Contains(lines!, l => l.Country == Helplines.International);
        Assert.All(lines!, l => Assert.False(string.IsNullOrWhiteSpace(l.Description)));
    }
}

public sealed class Privacy_tests_on_SQLite(WellbeingApp fixture) : Privacy_specification(fixture), IClassFixture<WellbeingApp>;

public sealed class Privacy_tests_on_PostgreSQL(WellbeingPostgresApp fixture) : Privacy_specification(fixture), IClassFixture<WellbeingPostgresApp>;
