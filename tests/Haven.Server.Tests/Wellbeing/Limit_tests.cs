using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Haven.Server.Chat;
using Haven.Server.Wellbeing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Wellbeing;

public abstract class Limit_specification(WellbeingApp fixture)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    [Fact]
    public async Task Lowering_a_limit_takes_effect_at_once()
    {
        var member = await fixture.App.RegisterAsync();

        var first = await PutAsync(member.Http, "DailyMinutes", 90);
        var lower = await PutAsync(member.Http, "DailyMinutes", 45);

        Assert.Equal(90, first.Value);
        Assert.Equal(45, lower.Value);
        Assert.Null(lower.Pending);
    }

    [Fact]
    public async Task Raising_a_limit_waits_24_hours_and_then_needs_a_confirmation()
    {
        var member = await fixture.App.RegisterAsync();
        await PutAsync(member.Http, "DailyMinutes", 60);

        var raised = await PutAsync(member.Http, "DailyMinutes", 120);
        Assert.Equal(60, raised.Value);
        Assert.Equal(120, raised.Pending!.Value);
        Assert.False(raised.Pending.ReadyToConfirm);
        Assert.Equal(fixture.Clock.GetUtcNow().AddHours(24), raised.Pending.ConfirmFrom);
        await AssertRefusedAsync(await member.Http.PostAsync("/api/wellbeing/limits/DailyMinutes/confirm", null), HttpStatusCode.Conflict, "CoolingOff");

        fixture.Clock.Advance(TimeSpan.FromHours(23));
        var http = await fixture.SignInAgainAsync(member);
        await AssertRefusedAsync(await http.PostAsync("/api/wellbeing/limits/DailyMinutes/confirm", null), HttpStatusCode.Conflict, "CoolingOff");
        Assert.Equal(60, (await LimitAsync(http, LimitKind.DailyMinutes)).Value);

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        http = await fixture.SignInAgainAsync(member);
        Assert.True((await LimitAsync(http, LimitKind.DailyMinutes)).Pending!.ReadyToConfirm);
        Assert.Equal(60, (await LimitAsync(http, LimitKind.DailyMinutes)).Value);
        var confirmed = await http.PostAsync("/api/wellbeing/limits/DailyMinutes/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var view = await LimitAsync(http, LimitKind.DailyMinutes);
        Assert.Equal(120, view.Value);
        Assert.Null(view.Pending);
    }

    [Fact]
    public async Task Removing_a_limit_also_cools_off()
    {
        var member = await fixture.App.RegisterAsync();
        await PutAsync(member.Http, "WeeklySpend", 500);

        var removal = await member.Http.PutAsJsonAsync("/api/wellbeing/limits/WeeklySpend", new { value = (long?)null });
        var view = await removal.Content.ReadFromJsonAsync<LimitView>(Json);
        Assert.Equal(500, view!.Value);
        Assert.NotNull(view.Pending);
        Assert.Null(view.Pending.Value);

        fixture.Clock.Advance(TimeSpan.FromHours(24));
        var http = await fixture.SignInAgainAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("/api/wellbeing/limits/WeeklySpend/confirm", null)).StatusCode);
        Assert.Null((await LimitAsync(http, LimitKind.WeeklySpend)).Value);
    }

    [Fact]
    public async Task An_unconfirmed_raise_lapses_after_a_week_and_the_limit_stays()
    {
        var member = await fixture.App.RegisterAsync();
        await PutAsync(member.Http, "DailyMinutes", 30);
        await PutAsync(member.Http, "DailyMinutes", 300);

        fixture.Clock.Advance(LimitService.CoolingOff + LimitService.ConfirmWindow + TimeSpan.FromMinutes(1));
        var http = await fixture.SignInAgainAsync(member);

        Assert.Null((await LimitAsync(http, LimitKind.DailyMinutes)).Pending);
        await AssertRefusedAsync(await http.PostAsync("/api/wellbeing/limits/DailyMinutes/confirm", null), HttpStatusCode.Conflict, "ChangeLapsed");
        Assert.Equal(30, (await LimitAsync(http, LimitKind.DailyMinutes)).Value);
    }

    [Fact]
    public async Task Lowering_while_a_raise_waits_cancels_the_raise()
    {
        var member = await fixture.App.RegisterAsync();
        await PutAsync(member.Http, "DailyMinutes", 60);
        await PutAsync(member.Http, "DailyMinutes", 120);

        var lowered = await PutAsync(member.Http, "DailyMinutes", 40);

        Assert.Equal(40, lowered.Value);
        Assert.Null(lowered.Pending);
    }

    [Theory]
    [InlineData("DailyMinutes", 2)]
    [InlineData("DailyMinutes", 100000)]
    [InlineData("MonthlySpend", -1)]
    public async Task Limit_out_of_range_is_a_bad_request(string kind, long value)
    {
        var member = await fixture.App.RegisterAsync();
        var response = await member.Http.PutAsJsonAsync($"/api/wellbeing/limits/{kind}", new { value });
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "LimitOutOfRange");
    }

    [Fact]
    public async Task Unknown_limit_kind_is_a_bad_request()
    {
        var member = await fixture.App.RegisterAsync();
        await AssertRefusedAsync(await member.Http.PutAsJsonAsync("/api/wellbeing/limits/Forever", new { value = 10 }), HttpStatusCode.BadRequest, "LimitKindUnknown");
        await AssertRefusedAsync(await member.Http.PutAsJsonAsync("/api/wellbeing/limits/7", new { value = 10 }), HttpStatusCode.BadRequest, "LimitKindUnknown");
    }

    [Fact]
    public async Task Over_the_daily_time_limit_the_hub_refuses_sending_kindly_but_reading_still_works()
    {
        var ayu = await fixture.App.RegisterAsync();
        var ben = await fixture.App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await fixture.App.ConnectHubAsync(ayu);
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "before the limit"));

        var now = fixture.Clock.GetUtcNow();
        await fixture.App.QueryAsync(async db =>
        {
            db.UsageSessions.Add(new UsageSession { MemberId = ayu.Id, StartedAt = now.AddMinutes(-40), LastSeenAt = now.AddMinutes(-10) });
            return await db.SaveChangesAsync();
        });
        await PutAsync(ayu.Http, "DailyMinutes", 30);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "after the limit")));

        HubErrors.AssertCode("TimeLimitReached", error);
        Assert.Contains("You can still read", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await fixture.App.CountMessagesAsync(conversationId));
        var history = await ayu.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.Single(history!.Items);
        var hits = await fixture.App.QueryAsync(db => db.LimitHits.Where(h => h.MemberId == ayu.Id).Select(h => h.Kind).ToListAsync());
        Assert.Equal([LimitKind.DailyMinutes], hits);
        var status = await ayu.Http.GetFromJsonAsync<TimeStatus>("/api/wellbeing/status", Json);
        Assert.Equal(LimitKind.DailyMinutes, status!.ReachedLimit);
        // The other member is not affected by Ayu's limit.
        await using var benHub = await fixture.App.ConnectHubAsync(ben);
        await benHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "all fine here"));
    }

    [Fact]
    public async Task Spending_within_limits_is_recorded_and_beyond_them_refused()
    {
        var member = await fixture.App.RegisterAsync();
        await PutAsync(member.Http, "DailySpend", 100);

        var first = await fixture.UseAsync<SpendingService, Outcome<long>>(s => s.RecordAsync(member.Id, 60, CancellationToken.None));
        var second = await fixture.UseAsync<SpendingService, Outcome<long>>(s => s.RecordAsync(member.Id, 50, CancellationToken.None));
        var third = await fixture.UseAsync<SpendingService, Outcome<long>>(s => s.RecordAsync(member.Id, 40, CancellationToken.None));

        Assert.Null(first.Refusal);
        Assert.Equal("SpendLimitReached", second.Refusal?.Code);
        Assert.Null(third.Refusal);
        Assert.Equal(100, await fixture.App.QueryAsync(db => db.SpendingRecords.Where(s => s.MemberId == member.Id).SumAsync(s => s.Credits)));
    }

    internal static async Task<LimitView> PutAsync(HttpClient http, string kind, long value)
    {
        var response = await http.PutAsJsonAsync($"/api/wellbeing/limits/{kind}", new { value });
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<LimitView>(Json))!;
    }

    private static async Task<LimitView> LimitAsync(HttpClient http, LimitKind kind) =>
        (await http.GetFromJsonAsync<List<LimitView>>("/api/wellbeing/limits", Json))!.Single(l => l.Kind == kind);

    internal static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}

public sealed class Limit_tests_on_SQLite(WellbeingApp fixture) : Limit_specification(fixture), IClassFixture<WellbeingApp>;

public sealed class Limit_tests_on_PostgreSQL(WellbeingPostgresApp fixture) : Limit_specification(fixture), IClassFixture<WellbeingPostgresApp>;
