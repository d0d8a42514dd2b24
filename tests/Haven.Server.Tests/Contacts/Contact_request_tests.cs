using System.Net;
using System.Net.Http.Json;
using Haven.Server.Chat;
using Haven.Server.Contacts;
using Haven.Testing.Server;
using Haven.Testing;

namespace Haven.Server.Tests.Contacts;

public sealed class Contact_request_tests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Recipient_sees_request_and_accepting_opens_a_conversation()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        await ayu.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ben.Id, note = "Hai!" });

        var incoming = await ben.Http.GetFromJsonAsync<List<ContactRequestView>>("/api/contacts/requests/incoming");
        var request = Assert.Single(incoming!);
        Assert.Equal(ayu.Pseudonym, request.OtherPseudonym);
        Assert.Equal("Hai!", request.Note);

        var accepted = await (await ben.Http.PostAsync($"/api/contacts/requests/{request.Id}/accept", null)).Content.ReadFromJsonAsync<ContactRequestView>();
        var ayuConversations = await ayu.Http.GetFromJsonAsync<List<ConversationView>>("/api/conversations");
        Assert.Equal(accepted!.ConversationId, Assert.Single(ayuConversations!).Id);
    }

    [Fact]
    public async Task Decline_is_silent_to_the_sender()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var sent = await (await ayu.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ben.Id })).Content.ReadFromJsonAsync<ContactRequestView>();
        var declined = await ben.Http.PostAsync($"/api/contacts/requests/{sent!.Id}/decline", null);
        Assert.Equal(HttpStatusCode.NoContent, declined.StatusCode);

        var outgoing = await ayu.Http.GetFromJsonAsync<List<ContactRequestView>>("/api/contacts/requests/outgoing");
        Assert.Equal("Sent", Assert.Single(outgoing!).Status);
        // Asking again soon does not notify the person who declined.
        var again = await ayu.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ben.Id });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty((await ben.Http.GetFromJsonAsync<List<ContactRequestView>>("/api/contacts/requests/incoming"))!);
    }

    [Fact]
    public async Task Only_the_recipient_can_accept_a_request()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var eve = await App.RegisterAsync();
        var sent = await (await ayu.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ben.Id })).Content.ReadFromJsonAsync<ContactRequestView>();

        Assert.Equal(HttpStatusCode.NotFound, (await eve.Http.PostAsync($"/api/contacts/requests/{sent!.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ayu.Http.PostAsync($"/api/contacts/requests/{sent.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await eve.Http.PostAsync($"/api/contacts/requests/{sent.Id}/decline", null)).StatusCode);
        Assert.Empty((await eve.Http.GetFromJsonAsync<List<ContactRequestView>>("/api/contacts/requests/incoming"))!);
    }

    [Fact]
    public async Task Asking_someone_who_already_asked_you_connects_you()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        await ayu.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ben.Id });
        var back = await (await ben.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ayu.Id })).Content.ReadFromJsonAsync<ContactRequestView>();
        Assert.Equal("Accepted", back!.Status);
        Assert.NotNull(back.ConversationId);
    }

    [Fact]
    public async Task Daily_request_limit_applies()
    {
        var directory = TestTempDirectory.Create("limit");
        await using var app = HavenApp.Sqlite(directory, new Dictionary<string, string?> { ["Haven:Contacts:MaxRequestsPerDay"] = "2" }).Start();
        var sender = await app.RegisterAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var target = await app.RegisterAsync();
            statuses.Add((await sender.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = target.Id })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        await app.DisposeAsync();
        await TestTempDirectory.DeleteAsync(directory);
    }

    [Fact]
    public async Task Blocked_member_cannot_see_blocker_in_browse_or_profile()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        await ayu.Http.PostAsJsonAsync("/api/contacts/blocks", new { memberId = ben.Id });

        Assert.Equal(HttpStatusCode.NotFound, (await ben.Http.GetAsync($"/api/profiles/{ayu.Id}")).StatusCode);
        var browse = await ben.Http.GetFromJsonAsync<Haven.Server.Profiles.ProfilePage>($"/api/profiles?q={Uri.EscapeDataString(ayu.Pseudonym)}");
        Assert.DoesNotContain(browse!.Items, p => p.Id == ayu.Id);
        var blocks = await ayu.Http.GetFromJsonAsync<List<BlockedMember>>("/api/contacts/blocks");
        Assert.Equal(ben.Id, Assert.Single(blocks!).MemberId);

        Assert.Equal(HttpStatusCode.NoContent, (await ayu.Http.DeleteAsync($"/api/contacts/blocks/{ben.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ben.Http.GetAsync($"/api/profiles/{ayu.Id}")).StatusCode);
    }

    [Fact]
    public async Task Blocking_withdraws_pending_requests_both_ways()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        await ben.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ayu.Id });
        await ayu.Http.PostAsJsonAsync("/api/contacts/blocks", new { memberId = ben.Id });
        Assert.Empty((await ayu.Http.GetFromJsonAsync<List<ContactRequestView>>("/api/contacts/requests/incoming"))!);
    }

    [Fact]
    public async Task Cannot_request_or_block_yourself()
    {
        var ayu = await App.RegisterAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await ayu.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ayu.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ayu.Http.PostAsJsonAsync("/api/contacts/blocks", new { memberId = ayu.Id })).StatusCode);
    }
}
