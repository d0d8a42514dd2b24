using System.Net;
using System.Net.Http.Json;
using Haven.Server.Chat;
using Haven.Server.Wellbeing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Server.Tests.Wellbeing;

public abstract class Pause_specification(WellbeingApp fixture)
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Self_exclusion_at_once_closes_the_hub_signs_out_tokens_blocks_sign_in_and_hides_the_profile()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };

        var started = await ayu.Http.PostAsJsonAsync("/api/wellbeing/pauses", new { kind = "SelfExclusion", months = 6 });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);

        // The live connection is closed by the server (a real socket close: wait for it, bounded).
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HubConnectionState.Disconnected, hub.State);
        // The bearer token issued before is no longer accepted.
        Assert.Equal(HttpStatusCode.Unauthorized, (await ayu.Http.GetAsync("/api/accounts/me")).StatusCode);
        // Neither are new connections with it.
        await Assert.ThrowsAnyAsync<Exception>(() => App.ConnectHubAsync(ayu));
        // Signing in is refused, kindly and distinctly.
        using var anonymous = App.NewClient();
        var login = await anonymous.PostAsJsonAsync("/api/accounts/login", new { email = ayu.Email, password = ayu.Password });
        await Limit_specification.AssertRefusedAsync(login, HttpStatusCode.Forbidden, "SignInNotAllowed");
        // Others no longer find the profile.
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Http.GetAsync($"/api/profiles/{ayu.Id}")).StatusCode);
        var browse = await ben.Http.GetStringAsync($"/api/profiles?q={ayu.Pseudonym}");
        Assert.DoesNotContain(ayu.Id.ToString(), browse, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task A_pause_started_elsewhere_stops_hub_calls_for_a_still_valid_connection()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);

        // As if another node had started it: the database has it, and that node's eviction arrives here.
        var now = fixture.Clock.GetUtcNow();
        await App.QueryAsync(async db =>
        {
            db.WellbeingPauses.Add(new WellbeingPause { Id = Guid.NewGuid(), MemberId = ayu.Id, Kind = PauseKind.TimeOut, StartedAt = now, EndsAt = now.AddDays(1) });
            return await db.SaveChangesAsync();
        });
        App.Services.GetRequiredService<PauseCache>().Forget(ayu.Id);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "still here?")));
        HubErrors.AssertCode("Paused", error);
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task A_time_out_cannot_be_cut_short_and_ends_on_time()
    {
        var member = await App.RegisterAsync();
        var started = await member.Http.PostAsJsonAsync("/api/wellbeing/pauses", new { kind = "TimeOut", hours = 48 });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using var anonymous = App.NewClient();

        fixture.Clock.Advance(TimeSpan.FromHours(47));
        var early = await anonymous.PostAsJsonAsync("/api/accounts/login", new { email = member.Email, password = member.Password });
        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        // A time-out is not a self-exclusion: there is nothing to ask for.
        await Limit_specification.AssertRefusedAsync(await anonymous.PostAsJsonAsync("/api/wellbeing/return", new { email = member.Email, password = member.Password }),
            HttpStatusCode.Conflict, "NotExcluded");

        fixture.Clock.Advance(TimeSpan.FromHours(1));
        var http = await fixture.SignInAgainAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/accounts/me")).StatusCode);
    }

    [Theory]
    [InlineData("TimeOut", 23, null)]
    [InlineData("TimeOut", 24 * 43, null)]
    [InlineData("SelfExclusion", null, 3)]
    [InlineData("SelfExclusion", null, null)]
    public async Task Pause_lengths_outside_the_choices_are_refused(string kind, int? hours, int? months)
    {
        var member = await App.RegisterAsync();
        var response = await member.Http.PostAsJsonAsync("/api/wellbeing/pauses", new { kind, hours, months });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync("/api/accounts/me")).StatusCode);
    }

    [Fact]
    public async Task Coming_back_after_self_exclusion_takes_a_request_and_a_24_hour_wait()
    {
        var member = await App.RegisterAsync();
        await member.Http.PostAsJsonAsync("/api/wellbeing/pauses", new { kind = "SelfExclusion", months = 6 });
        using var anonymous = App.NewClient();
        var returnRequest = new { email = member.Email, password = member.Password };

        await Limit_specification.AssertRefusedAsync(await anonymous.PostAsJsonAsync("/api/wellbeing/return", returnRequest), HttpStatusCode.Conflict, "StillExcluded");
        await Limit_specification.AssertRefusedAsync(await anonymous.PostAsJsonAsync("/api/wellbeing/return", new { email = member.Email, password = "not the password" }),
            HttpStatusCode.Unauthorized, "SignInFailed");

        fixture.Clock.Advance(TimeSpan.FromDays(31 * 6 + 1));
        // The exclusion has ended, but without a request the door stays closed.
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/api/accounts/login", returnRequest)).StatusCode);

        var asked = await anonymous.PostAsJsonAsync("/api/wellbeing/return", returnRequest);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var view = await asked.Content.ReadFromJsonAsync<ReturnView>();
        Assert.Equal(fixture.Clock.GetUtcNow().AddHours(24), view!.ReturnsAt);

        fixture.Clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.PostAsJsonAsync("/api/accounts/login", returnRequest)).StatusCode);
        fixture.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var http = await fixture.SignInAgainAsync(member);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/api/profiles/{member.Id}")).StatusCode);
    }
}

public sealed class Pause_tests_on_SQLite(WellbeingApp fixture) : Pause_specification(fixture), IClassFixture<WellbeingApp>;

public sealed class Pause_tests_on_PostgreSQL(WellbeingPostgresApp fixture) : Pause_specification(fixture), IClassFixture<WellbeingPostgresApp>;
