using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haven.Safety.Policy;
using Haven.Server.Chat;
using Haven.Server.MessageSafety;
using Haven.Server.Moderation;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.MessageSafety;

/// <summary>Every message passes Haven.Safety inline before it is stored, and the policy decision is enforced.</summary>
public abstract class MessageSafetySpecification(IAppFixture fixture)
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task A_scam_script_in_Indonesian_triggers_the_recipient_warning()
    {
        var (rudi, sari, conversationId) = await PairAsync();
        await EstablishAsync(rudi);
        await using var rudiHub = await App.ConnectHubAsync(rudi);
        await using var sariHub = await App.ConnectHubAsync(sari, HubProtocol.MessagePack);
        var sariInbox = new HubInbox(sariHub);

        const string script = "Halo kak, maaf ganggu. Aku lagi ada masalah keluarga nih, bisa tolong transfer 500 ribu ke rekening BCA aku? Nanti aku ganti minggu depan ya";
        var ack = await rudiHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), script));
        var received = await sariInbox.NextMessageAsync();

        Assert.False(ack.Held);
        Assert.Equal(ack.MessageId, received.Id);
        Assert.Contains(SafetyTips.Money, received.Tips!);
        var history = await sari.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.Contains(SafetyTips.Money, Assert.Single(history!.Items).Tips!);
        // The scam pattern is worth a moderator's look too; the case points at the message, not its text.
        var opened = await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.SubjectMemberId == rudi.Id));
        Assert.Equal(CaseKind.AutomatedSignal, opened.Kind);
        Assert.Equal($"message:{ack.MessageId}", opened.EvidenceReference);
    }

    [Fact]
    public async Task Grooming_spread_across_a_conversation_opens_a_top_priority_case()
    {
        var (adult, teen, conversationId) = await PairAsync();
        await using var adultHub = await App.ConnectHubAsync(adult);
        await using var teenHub = await App.ConnectHubAsync(teen);

        // No single message here is grooming on its own; together they are.
        await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "hi! how old are you?"));
        var disclosure = await teenHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "15, why?"));
        await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "send me a photo of you?"));
        var error = await Assert.ThrowsAsync<HubException>(() =>
            adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "let's meet up sometime")));

        HubErrors.AssertCode(SafetyMessageGate.BlockedCode, error);
        var groomerCase = await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.SubjectMemberId == adult.Id));
        Assert.Equal(CasePriority.Critical, groomerCase.Priority);
        Assert.Equal(CaseKind.AutomatedSignal, groomerCase.Kind);
        // The apparent minor is not punished for the pattern: their message waits for review and their age is re-checked.
        Assert.True(disclosure.Held);
        Assert.NotEqual(CasePriority.Critical, (await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.SubjectMemberId == teen.Id))).Priority);
        var status = await teen.Http.GetFromJsonAsync<JsonElement>("/api/age");
        Assert.True(status.GetProperty("reverificationRequired").GetBoolean());
    }

    [Fact]
    public async Task Child_whose_reply_completes_a_grooming_pattern_is_not_blocked_and_the_groomer_case_opens()
    {
        var (adult, teen, conversationId) = await PairAsync();
        await using var adultHub = await App.ConnectHubAsync(adult);
        await using var teenHub = await App.ConnectHubAsync(teen);

        await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "hi! how old are you?"));
        await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "send me a photo of you?"));
        await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "let's meet up sometime"));
        var reply = await teenHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "15, why?"));

        Assert.True(reply.Held);
        var groomerCase = await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.SubjectMemberId == adult.Id));
        Assert.Equal(CasePriority.Critical, groomerCase.Priority);
        Assert.Equal($"message:{reply.MessageId}", groomerCase.EvidenceReference);
        var error = await Assert.ThrowsAsync<HubException>(() =>
            adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "so, this weekend?")));
        HubErrors.AssertCode(SafetyMessageGate.BlockedCode, error);
    }

    [Fact]
    public async Task Blocked_message_never_reaches_the_recipient_and_is_not_stored()
    {
        var (mallory, ben, conversationId) = await PairAsync();
        await EstablishAsync(mallory);
        await using var malloryHub = await App.ConnectHubAsync(mallory);
        await using var benHub = await App.ConnectHubAsync(ben);
        var benInbox = new HubInbox(benHub);

        var error = await Assert.ThrowsAsync<HubException>(() => malloryHub.InvokeAsync<MessageAck>("SendMessage",
            new SendMessageRequest(conversationId, Guid.NewGuid(), "your account is locked, log in here to keep it: http://haven-login.example.com/verify", Confirmed: true)));

        HubErrors.AssertCode(SafetyMessageGate.BlockedCode, error);
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));
        Assert.Equal(1, await App.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "safety.block_message" && e.Subject == $"member:{mallory.Id}")));
        // Ben's next message from someone else arrives first: nothing was queued for him.
        await malloryHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "sorry, wrong chat"));
        Assert.Equal("sorry, wrong chat", (await benInbox.NextMessageAsync()).Text);
        Assert.Equal(CasePriority.High, (await App.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.SubjectMemberId == mallory.Id))).Priority);
    }

    [Fact]
    public async Task Sharing_a_phone_number_asks_are_you_sure_and_sends_once_confirmed()
    {
        var (ayu, ben, conversationId) = await PairAsync();
        await using var ayuHub = await App.ConnectHubAsync(ayu);
        await using var benHub = await App.ConnectHubAsync(ben);
        var benInbox = new HubInbox(benHub);
        const string text = "you can reach me at 0812 3456 7890 if you like";

        var error = await Assert.ThrowsAsync<HubException>(() =>
            ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), text)));
        HubErrors.AssertCode("AreYouSure", error);
        Assert.Contains("phone number", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));

        var ack = await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), text, Confirmed: true));
        var received = await benInbox.NextMessageAsync();
        Assert.Equal(ack.MessageId, received.Id);
        Assert.Equal(text, received.Text);
    }

    [Fact]
    public async Task Held_message_is_delivered_only_when_a_moderator_releases_it()
    {
        // A brand-new account asking for money is held for review by the default policy.
        var (newcomer, ben, conversationId) = await PairAsync();
        var moderator = await App.MakeModeratorAsync(await App.RegisterAsync());
        await using var newcomerHub = await App.ConnectHubAsync(newcomer);
        await using var benHub = await App.ConnectHubAsync(ben);
        var benInbox = new HubInbox(benHub);

        var ack = await newcomerHub.InvokeAsync<MessageAck>("SendMessage",
            new SendMessageRequest(conversationId, Guid.NewGuid(), "could you send me money for the bus ticket? transfer to my bank account please"));

        Assert.True(ack.Held);
        var benHistory = await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.Empty(benHistory!.Items);
        var ownHistory = await newcomer.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.True(Assert.Single(ownHistory!.Items).Held);
        Assert.False(await benInbox.AnyMessageWithinAsync(TimeSpan.FromMilliseconds(300)));

        Assert.Equal(HttpStatusCode.Forbidden, (await ben.Http.PostAsync($"/api/moderation/messages/{ack.MessageId}/release", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.Http.GetAsync($"/api/moderation/conversations/{conversationId}/held")).StatusCode);
        var held = await moderator.Http.GetFromJsonAsync<List<HeldMessageView>>($"/api/moderation/conversations/{conversationId}/held");
        Assert.Equal(ack.MessageId, Assert.Single(held!).Id);

        var released = await moderator.Http.PostAsync($"/api/moderation/messages/{ack.MessageId}/release", null);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        var delivered = await benInbox.NextMessageAsync();
        Assert.Equal(ack.MessageId, delivered.Id);
        Assert.False(delivered.Held);
        Assert.Contains(SafetyTips.Money, delivered.Tips!);
        Assert.Single((await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages"))!.Items);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.Http.PostAsync($"/api/moderation/messages/{ack.MessageId}/release", null)).StatusCode);
        var audited = await App.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == $"message:{ack.MessageId}").Select(e => e.Actor).ToListAsync());
        Assert.Equal([$"member:{moderator.Id}"], audited);
    }

    [Fact]
    public async Task Rejected_held_message_never_reaches_the_recipient()
    {
        var (newcomer, ben, conversationId) = await PairAsync();
        var moderator = await App.MakeModeratorAsync(await App.RegisterAsync());
        await using var newcomerHub = await App.ConnectHubAsync(newcomer);

        var ack = await newcomerHub.InvokeAsync<MessageAck>("SendMessage",
            new SendMessageRequest(conversationId, Guid.NewGuid(), "please transfer money to my bank account today"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.Http.PostAsync($"/api/moderation/messages/{ack.MessageId}/reject", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await moderator.Http.PostAsync($"/api/moderation/messages/{ack.MessageId}/reject", null)).StatusCode);

        Assert.Empty((await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages"))!.Items);
        var own = Assert.Single((await newcomer.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages"))!.Items);
        Assert.True(own.Rejected);
        Assert.False(own.Held);
        Assert.Empty((await moderator.Http.GetFromJsonAsync<List<HeldMessageView>>($"/api/moderation/conversations/{conversationId}/held"))!);
        var conversations = await ben.Http.GetFromJsonAsync<List<ConversationView>>("/api/conversations");
        Assert.Equal(0, Assert.Single(conversations!).Unread);
    }

    [Fact]
    public async Task Ordinary_messages_are_delivered_without_tips_and_links_carry_a_verdict()
    {
        var (ayu, ben, conversationId) = await PairAsync();
        await using var ayuHub = await App.ConnectHubAsync(ayu);
        await using var benHub = await App.ConnectHubAsync(ben);
        var benInbox = new HubInbox(benHub);

        await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "Hai Ben! see you at seven?"));
        var plain = await benInbox.NextMessageAsync();
        await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "the cafe I meant: https://example.org/cafe"));
        var link = await benInbox.NextMessageAsync();

        Assert.Empty(plain.Tips!);
        Assert.False(plain.Blurred);
        Assert.Equal([SafetyTips.Link], link.Tips!);
        Assert.Equal(0, await App.QueryAsync(db => db.ModerationCases.CountAsync(c => c.SubjectMemberId == ayu.Id)));
    }

    private async Task<(TestMember A, TestMember B, Guid ConversationId)> PairAsync()
    {
        var a = await App.RegisterAsync();
        var b = await App.RegisterAsync();
        return (a, b, await HavenApp.ConnectAsync(a, b));
    }

    /// <summary>Money requests from accounts younger than 30 days are held; an established member's are delivered with a tip.</summary>
    private Task EstablishAsync(TestMember member)
    {
        var longAgo = DateTimeOffset.UtcNow.AddDays(-90);
        return App.QueryAsync(db => db.Users.Where(u => u.Id == member.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, longAgo)));
    }
}

public sealed class Message_safety_on_SQLite(SqliteAppFixture fixture) : MessageSafetySpecification(fixture), IClassFixture<SqliteAppFixture>;

public sealed class Message_safety_on_PostgreSQL(PostgresAppFixture fixture) : MessageSafetySpecification(fixture), IClassFixture<PostgresAppFixture>;
