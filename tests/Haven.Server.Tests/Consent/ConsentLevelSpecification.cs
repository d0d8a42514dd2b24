using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Haven.Server.Chat;
using Haven.Server.Consent;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Consent;

/// <summary>Consent levels per conversation, run against each database provider (see the subclasses below).</summary>
public abstract class ConsentLevelSpecification(IAppFixture fixture)
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Effective_level_is_the_lower_of_the_two_and_raising_asks_the_other_member()
    {
        var (ayu, ben, conversation) = await PairAsync();

        var mine = await SetAsync(ayu, conversation, ConsentLevel.ExplicitText);
        Assert.Equal((ConsentLevel.Chat, ConsentLevel.ExplicitText, ConsentLevel.ExplicitText), (mine.Effective, mine.Mine, mine.Proposed));
        var bens = await ViewAsync(ben, conversation);
        Assert.Equal((ConsentLevel.Chat, ConsentLevel.ExplicitText), (bens.Effective, bens.Asked));

        // Ben chooses flirting himself: the lower of the two is now flirting, Ayu's question still stands.
        bens = await SetAsync(ben, conversation, ConsentLevel.Flirting);
        Assert.Equal((ConsentLevel.Flirting, ConsentLevel.ExplicitText, (ConsentLevel?)null), (bens.Effective, bens.Asked, bens.Proposed));
        Assert.Equal(ConsentLevel.Flirting, (await ViewAsync(ayu, conversation)).Effective);

        // Ben accepts: both are at explicit text.
        var accepted = await ben.Http.PostAsync($"/api/conversations/{conversation}/consent/proposal/accept", null);
        var afterAccept = await accepted.Content.ReadFromJsonAsync<ConsentView>();
        Assert.Equal((ConsentLevel.ExplicitText, (ConsentLevel?)null), (afterAccept!.Effective, afterAccept.Asked));
        Assert.Equal((ConsentLevel.ExplicitText, (ConsentLevel?)null), ((await ViewAsync(ayu, conversation)).Effective, (await ViewAsync(ayu, conversation)).Proposed));
    }

    [Fact]
    public async Task Lowering_is_instant_for_both_members()
    {
        var (ayu, ben, conversation) = await PairAsync();
        await SetAsync(ayu, conversation, ConsentLevel.ExplicitMedia);
        await SetAsync(ben, conversation, ConsentLevel.ExplicitMedia);
        Assert.Equal(ConsentLevel.ExplicitMedia, (await ViewAsync(ben, conversation)).Effective);
        await using var benHub = await App.ConnectHubAsync(ben);
        var notices = Channel.CreateUnbounded<ConsentNotice>();
        benHub.On<ConsentNotice>(ConsentService.ChangedEvent, n => notices.Writer.TryWrite(n));

        var lowered = await SetAsync(ben, conversation, ConsentLevel.Flirting);

        Assert.Equal((ConsentLevel.Flirting, (ConsentLevel?)null), (lowered.Effective, lowered.Proposed));
        Assert.Equal(ConsentLevel.Flirting, (await ViewAsync(ayu, conversation)).Effective);
        Assert.Null((await ViewAsync(ayu, conversation)).Asked);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        Assert.Equal(conversation, (await notices.Reader.ReadAsync(wait.Token)).ConversationId);

        // Ayu's explicit text now needs a confirmation at once.
        await using var ayuHub = await App.ConnectHubAsync(ayu);
        var error = await Assert.ThrowsAsync<HubException>(() =>
            ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, Guid.NewGuid(), "I want to fuck you")));
        HubErrors.AssertCode("AreYouSure", error);
    }

    [Fact]
    public async Task Declining_a_raise_keeps_the_level_and_the_ledger_shows_who_did_what()
    {
        var (ayu, ben, conversation) = await PairAsync();
        var outsider = await App.RegisterAsync();
        var moderator = await App.MakeModeratorAsync(await App.RegisterAsync());
        await SetAsync(ayu, conversation, ConsentLevel.Flirting);
        var declined = await ben.Http.PostAsync($"/api/conversations/{conversation}/consent/proposal/decline", null);
        Assert.Equal(ConsentLevel.Chat, (await declined.Content.ReadFromJsonAsync<ConsentView>())!.Effective);
        await SetAsync(ayu, conversation, ConsentLevel.Chat);

        var ledger = await ben.Http.GetFromJsonAsync<List<ConsentLedgerView>>($"/api/conversations/{conversation}/consent/ledger");
        Assert.Equal(
            [(ayu.Id, ConsentAction.Changed, ConsentLevel.Chat, ConsentLevel.Flirting), (ben.Id, ConsentAction.Declined, ConsentLevel.Chat, ConsentLevel.Flirting),
             (ayu.Id, ConsentAction.Changed, ConsentLevel.Flirting, ConsentLevel.Chat)],
            ledger!.Select(e => (e.MemberId, e.Action, e.From, e.To)));
        Assert.NotNull(ledger);
        Assert.Equal(ledger.Select(e => e.Id), (await ayu.Http.GetFromJsonAsync<List<ConsentLedgerView>>($"/api/conversations/{conversation}/consent/ledger"))!.Select(e => e.Id));

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/conversations/{conversation}/consent/ledger")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.GetAsync($"/api/conversations/{conversation}/consent")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.Http.PutAsJsonAsync($"/api/conversations/{conversation}/consent", new { level = "Chat" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.Http.GetAsync($"/api/moderation/conversations/{conversation}/consent-ledger")).StatusCode);
        var forModerator = await moderator.Http.GetFromJsonAsync<List<ConsentLedgerView>>($"/api/moderation/conversations/{conversation}/consent-ledger");
        Assert.Equal(ledger.Select(e => e.Id), forModerator!.Select(e => e.Id));
    }

    [Fact]
    public async Task Sexual_text_above_the_level_asks_the_sender_and_arrives_blurred()
    {
        var (ayu, ben, conversation) = await PairAsync();
        await using var ayuHub = await App.ConnectHubAsync(ayu);
        await using var benHub = await App.ConnectHubAsync(ben);
        var benInbox = new HubInbox(benHub);
        var text = "Wanna see me naked tonight?";
        var clientId = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<HubException>(() => ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, clientId, text)));
        HubErrors.AssertCode("AreYouSure", error);
        Assert.Equal(0, await App.CountMessagesAsync(conversation));

        await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, clientId, text, Confirmed: true));
        var received = await benInbox.NextMessageAsync();
        Assert.True(received.Blurred);
        Assert.Equal(text, received.Text);
        var history = await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversation}/messages");
        Assert.True(Assert.Single(history!.Items).Blurred);

        // Ordinary words pass at the chat level; explicit words pass once both chose explicit text.
        var plain = await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, Guid.NewGuid(), "How was your day?"));
        Assert.False((await benInbox.NextMessageAsync()).Blurred);
        await SetAsync(ayu, conversation, ConsentLevel.ExplicitText);
        await SetAsync(ben, conversation, ConsentLevel.ExplicitText);
        await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, Guid.NewGuid(), text));
        Assert.False((await benInbox.NextMessageAsync()).Blurred);
        Assert.False(plain.Duplicate);
    }

    [Fact]
    public async Task Unknown_level_is_a_bad_request()
    {
        var (ayu, _, conversation) = await PairAsync();
        var response = await ayu.Http.PutAsJsonAsync($"/api/conversations/{conversation}/consent", new { level = "Everything" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var missing = await ayu.Http.PutAsJsonAsync($"/api/conversations/{conversation}/consent", new { });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
    }

    private async Task<(TestMember Ayu, TestMember Ben, Guid Conversation)> PairAsync()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        return (ayu, ben, await HavenApp.ConnectAsync(ayu, ben));
    }

    private static async Task<ConsentView> SetAsync(TestMember member, Guid conversation, ConsentLevel level)
    {
        var response = await member.Http.PutAsJsonAsync($"/api/conversations/{conversation}/consent", new SetConsentRequest(level));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ConsentView>())!;
    }

    private static async Task<ConsentView> ViewAsync(TestMember member, Guid conversation) =>
        (await member.Http.GetFromJsonAsync<ConsentView>($"/api/conversations/{conversation}/consent"))!;
}

public sealed class Consent_levels_on_SQLite(SqliteAppFixture fixture) : ConsentLevelSpecification(fixture), IClassFixture<SqliteAppFixture>;

public sealed class Consent_levels_on_PostgreSQL(PostgresAppFixture fixture) : ConsentLevelSpecification(fixture), IClassFixture<PostgresAppFixture>;
