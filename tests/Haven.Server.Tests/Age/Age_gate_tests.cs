using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haven.Server.Age;
using Haven.Server.Chat;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Age;

public sealed class Age_gate_tests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Unverified_member_can_browse_and_edit_their_profile()
    {
        var member = await App.RegisterAsync(verified: false);

        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync("/api/profiles")).StatusCode);
        var saved = await member.Http.PutAsJsonAsync("/api/profiles/me", new { bio = "Hello there", languages = new[] { "en" }, tags = new[] { "books" } });
        Assert.True(saved.IsSuccessStatusCode, $"{(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
        Assert.False((await member.Http.GetFromJsonAsync<AgeStatusView>("/api/age"))!.Verified);
    }

    [Fact]
    public async Task Unverified_member_cannot_send_or_accept_contact_requests_over_HTTP()
    {
        var unverified = await App.RegisterAsync(verified: false);
        var verified = await App.RegisterAsync();

        var sent = await unverified.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = verified.Id });
        await AssertCodeAsync(sent, HttpStatusCode.Forbidden, "AgeNotVerified");

        var incoming = await verified.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = unverified.Id });
        var request = await incoming.Content.ReadFromJsonAsync<RequestDto>();
        var accepted = await unverified.Http.PostAsync($"/api/contacts/requests/{request!.Id}/accept", null);
        await AssertCodeAsync(accepted, HttpStatusCode.Forbidden, "AgeNotVerified");
        Assert.False(await App.QueryAsync(db => db.ConversationMembers.AnyAsync(m => m.MemberId == unverified.Id)));

        // Once verified, the same request can be accepted.
        await App.VerifyAgeAsync(unverified.Http);
        Assert.True((await unverified.Http.PostAsync($"/api/contacts/requests/{request.Id}/accept", null)).IsSuccessStatusCode);
    }

    [Fact]
    public async Task Unverified_member_cannot_message_over_the_hub_after_a_moderator_requires_reverification()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var moderator = await App.MakeModeratorAsync(await App.RegisterAsync());
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu, HubProtocol.MessagePack);
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "Hai Ben"));

        var reverify = await moderator.Http.PostAsync($"/api/moderation/age/members/{ayu.Id}/reverify", null);
        Assert.Equal(HttpStatusCode.NoContent, reverify.StatusCode);

        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "Still there?")));
        HubErrors.AssertCode("AgeNotVerified", error);
        Assert.Equal(1, await App.CountMessagesAsync(conversationId));
        var status = await ayu.Http.GetFromJsonAsync<AgeStatusView>("/api/age");
        Assert.True(status!.ReverificationRequired);

        // Verifying again restores messaging.
        await App.VerifyAgeAsync(ayu.Http);
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "Back again"));
        Assert.Equal(2, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task Only_moderators_can_require_reverification()
    {
        var member = await App.RegisterAsync();
        var other = await App.RegisterAsync();

        var response = await member.Http.PostAsync($"/api/moderation/age/members/{other.Id}/reverify", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True((await other.Http.GetFromJsonAsync<AgeStatusView>("/api/age"))!.Verified);
    }

    [Fact]
    public async Task Verification_methods_list_only_what_is_configured()
    {
        var member = await App.RegisterAsync(verified: false);

        var methods = await member.Http.GetFromJsonAsync<List<AgeMethodView>>("/api/age/methods");

        Assert.Equal([AgeMethod.Credential, AgeMethod.ManualReview], methods!.Select(m => m.Method));
        Assert.Equal(HttpStatusCode.NotFound, (await member.Http.PostAsync("/api/age/checks/provider", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.Http.PostAsync("/api/age/checks/1", null)).StatusCode);
    }

    [Fact]
    public async Task Test_issuer_page_does_not_exist_outside_Development()
    {
        var member = await App.RegisterAsync(verified: false);
        using var browser = App.NewClient();
        var signedIn = await browser.PostAsJsonAsync("/api/accounts/login?useCookies=true", new { email = member.Email, password = member.Password });
        Assert.True(signedIn.IsSuccessStatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/age")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/age/test-issuer")).StatusCode);
    }

    private static async Task AssertCodeAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
