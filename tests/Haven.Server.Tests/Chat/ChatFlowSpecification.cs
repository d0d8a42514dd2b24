using System.Net;
using System.Net.Http.Json;
using System.Text;
using Haven.Server.Chat;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Server.Tests.Chat;

/// <summary>
/// The consent-first chat flow, run against each database provider (see the subclasses below).
/// </summary>
public abstract class ChatFlowSpecification(IAppFixture fixture)
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Members_chat_after_request_is_accepted()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);

        await using var ayuHub = await App.ConnectHubAsync(ayu);
        await using var benHub = await App.ConnectHubAsync(ben);
        var benInbox = new HubInbox(benHub);

        var ack = await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "Hai Ben!"));
        var received = await benInbox.NextMessageAsync();

        Assert.False(ack.Duplicate);
        Assert.Equal(ack.MessageId, received.Id);
        Assert.Equal("Hai Ben!", received.Text);
        Assert.Equal(ayu.Id, received.SenderId);
        var history = await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.Equal(["Hai Ben!"], history!.Items.Select(m => m.Text));
    }

    [Fact]
    public async Task Member_cannot_message_without_accepted_request()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var sent = await ayu.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ben.Id });
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        // A pending request opens no conversation, so there is nothing to write into.
        var conversations = await ayu.Http.GetFromJsonAsync<List<ConversationView>>("/api/conversations");
        Assert.Empty(conversations!);
        await using var hub = await App.ConnectHubAsync(ayu);
        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(Guid.NewGuid(), Guid.NewGuid(), "hello?")));
        HubErrors.AssertCode("NotFound", error);
        Assert.Equal(0, await App.QueryAsync(db => db.Messages.CountAsync(m => m.SenderId == ayu.Id)));
    }

    [Fact]
    public async Task Resend_with_same_client_message_id_is_stored_once()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);
        var request = new SendMessageRequest(conversationId, Guid.NewGuid(), "once only");

        var first = await hub.InvokeAsync<MessageAck>("SendMessage", request);
        var second = await hub.InvokeAsync<MessageAck>("SendMessage", request);

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(1, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task Messages_sent_without_waiting_for_acks_are_stored_and_delivered_in_the_order_sent()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var ayuHub = await App.ConnectHubAsync(ayu);
        await using var benHub = await App.ConnectHubAsync(ben);
        var benInbox = new HubInbox(benHub);
        // Some messages take the slow road: asking for money is held for review (a case is opened and audited after
        // the commit), a link gets a tip. Without ordering, a later plain message would overtake them.
        var texts = Enumerable.Range(0, 60).Select(i => (i % 7) switch
        {
            3 => $"{i}: can you send me money for the bus ticket, I will pay you back",
            5 => $"{i}: look at https://example.org/photos",
            _ => $"{i}: how are you?",
        }).ToList();

        var sends = texts.Select(t => ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), t))).ToList();
        var acks = await Task.WhenAll(sends);
        var delivered = texts.Where((_, i) => !acks[i].Held).ToList();
        var received = new List<MessageView>();
        for (var i = 0; i < delivered.Count; i++)
            received.Add(await benInbox.NextMessageAsync());

        Assert.Contains(acks, a => a.Held);
        Assert.Equal(acks.Select(a => a.MessageId).Order(), acks.Select(a => a.MessageId));
        Assert.Equal(delivered, received.Select(m => m.Text));
        var history = await ayu.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages?limit=100");
        Assert.Equal(texts, history!.Items.Select(m => m.Text));
    }

    [Fact]
    public async Task A_batch_holding_a_resend_stores_the_new_messages_and_answers_the_resend_with_the_original()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);
        var original = await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "first"));
        var writer = App.Services.GetRequiredService<MessageWriter>();
        var cipher = App.Services.GetRequiredService<MessageCipher>();
        Message Row(Guid clientId, string text) => new()
        {
            ConversationId = conversationId, SenderId = ayu.Id, ClientMessageId = clientId,
            Body = cipher.Encrypt(text, conversationId), SentAt = DateTimeOffset.UtcNow,
        };

        // Queued together, so the writer takes them as one batch: its single insert fails on the resend.
        Assert.True(writer.TryEnqueue(Row(Guid.NewGuid(), "second"), out var second));
        Assert.True(writer.TryEnqueue(Row(original.ClientMessageId, "first"), out var resend));
        Assert.True(writer.TryEnqueue(Row(Guid.NewGuid(), "third"), out var third));
        var stored = await Task.WhenAll(second, resend, third);

        Assert.Equal((original.MessageId, true), (stored[1].Id, stored[1].Duplicate));
        Assert.False(stored[0].Duplicate);
        Assert.False(stored[2].Duplicate);
        var history = await ayu.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        Assert.Equal(["first", "second", "third"], history!.Items.Select(m => m.Text));
        Assert.Equal([original.MessageId, stored[0].Id, stored[2].Id], history.Items.Select(m => m.Id));
    }

    [Fact]
    public async Task Resend_of_a_stored_message_gets_its_ack_even_when_it_would_now_be_questioned()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);
        // Sent with "send anyway" after AreYouSure; the resend (its ack was lost) no longer carries the confirmation.
        var confirmed = new SendMessageRequest(conversationId, Guid.NewGuid(), "Wanna see me naked tonight?", Confirmed: true);

        var first = await hub.InvokeAsync<MessageAck>("SendMessage", confirmed);
        var resent = await hub.InvokeAsync<MessageAck>("SendMessage", confirmed with { Confirmed = false, Resend = true });
        var unflagged = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", confirmed with { Confirmed = false }));

        Assert.True(resent.Duplicate);
        Assert.Equal(first.MessageId, resent.MessageId);
        // Without the flag the message is judged again, like any first send: the lookup is what the flag buys.
        HubErrors.AssertCode("AreYouSure", unflagged);
        Assert.Equal(1, await App.CountMessagesAsync(conversationId));
    }

    [Theory]
    [InlineData("", "TextEmpty")]
    [InlineData("   \n ", "TextEmpty")]
    [InlineData(null, "TextEmpty")]
    public async Task Empty_message_gets_clear_error_and_nothing_is_stored(string? text, string code)
    {
        var (hub, conversationId) = await ConnectedPairAsync();
        await using var _ = hub;
        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), text)));
        HubErrors.AssertCode(code, error);
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task Message_of_4000_characters_is_accepted_and_4001_is_refused()
    {
        var (hub, conversationId) = await ConnectedPairAsync();
        await using var _ = hub;

        var ack = await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), new string('a', 4000)));
        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), new string('b', 4001))));

        Assert.True(ack.MessageId > 0);
        HubErrors.AssertCode("TextTooLong", error);
        Assert.Equal(1, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task Send_without_client_message_id_is_refused()
    {
        var (hub, conversationId) = await ConnectedPairAsync();
        await using var _ = hub;
        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.Empty, "hi")));
        HubErrors.AssertCode("ClientMessageIdMissing", error);
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task Malformed_hub_arguments_get_an_error_and_nothing_is_stored()
    {
        var (hub, conversationId) = await ConnectedPairAsync();
        await using var _ = hub;
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageAck>("SendMessage", "not an object"));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageAck>("SendMessage", (object?)null));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageAck>("SendMessage", new { conversationId = "nope", clientMessageId = 5, text = 7 }));
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));
    }

    [Fact]
    public async Task Outsider_cannot_read_or_post_to_another_pairs_conversation()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var eve = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using (var ayuHub = await App.ConnectHubAsync(ayu))
            await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "private"));

        var history = await eve.Http.GetAsync($"/api/conversations/{conversationId}/messages");
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);
        Assert.DoesNotContain("private", await history.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var eveHub = await App.ConnectHubAsync(eve);
        var send = await Assert.ThrowsAsync<HubException>(() =>
            eveHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "let me in")));
        var typing = await Assert.ThrowsAsync<HubException>(() => eveHub.InvokeAsync("Typing", conversationId));
        var read = await Assert.ThrowsAsync<HubException>(() => eveHub.InvokeAsync<ReadReceipt>("MarkRead", conversationId, 1L));
        Assert.All([send, typing, read], e => HubErrors.AssertCode("NotFound", e));
        Assert.Equal(1, await App.CountMessagesAsync(conversationId));
        var eveConversations = await eve.Http.GetFromJsonAsync<List<ConversationView>>("/api/conversations");
        Assert.Empty(eveConversations!);
    }

    [Fact]
    public async Task Typing_and_read_receipts_reach_the_other_member()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var ayuHub = await App.ConnectHubAsync(ayu);
        await using var benHub = await App.ConnectHubAsync(ben);
        var ayuInbox = new HubInbox(ayuHub);
        var benInbox = new HubInbox(benHub);

        await ayuHub.InvokeAsync("Typing", conversationId);
        var typing = await benInbox.NextTypingAsync();
        var ack = await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "are you there?"));
        await benInbox.NextMessageAsync();
        await benHub.InvokeAsync<ReadReceipt>("MarkRead", conversationId, ack.MessageId);
        var receipt = await ayuInbox.NextReadAsync();

        Assert.Equal(new TypingNotice(conversationId, ayu.Id), typing);
        Assert.Equal(new ReadReceipt(conversationId, ben.Id, ack.MessageId), receipt);
        var benView = (await ben.Http.GetFromJsonAsync<List<ConversationView>>("/api/conversations"))!.Single();
        Assert.Equal(0, benView.Unread);
    }

    [Fact]
    public async Task History_pages_backwards_and_catches_up_forwards()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);
        var ids = new List<long>();
        for (var i = 1; i <= 7; i++)
            ids.Add((await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), $"m{i}"))).MessageId);

        var newest = await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages?limit=3");
        var older = await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages?limit=3&before={newest!.Items[0].Id}");
        var catchUp = await ben.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages?after={ids[4]}");

        Assert.Equal(["m5", "m6", "m7"], newest.Items.Select(m => m.Text));
        Assert.True(newest.HasMore);
        Assert.Equal(["m2", "m3", "m4"], older!.Items.Select(m => m.Text));
        Assert.Equal(["m6", "m7"], catchUp!.Items.Select(m => m.Text));
        Assert.False(catchUp.HasMore);
    }

    [Fact]
    public async Task Message_bodies_are_encrypted_at_rest()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);
        const string secret = "meet me at the blue cafe";
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), secret));

        var stored = await App.QueryAsync(db => db.Messages.SingleAsync(m => m.ConversationId == conversationId));
        Assert.DoesNotContain(secret, Encoding.UTF8.GetString(stored.Body), StringComparison.Ordinal);
        Assert.True(stored.Body.Length > secret.Length);
    }

    [Fact]
    public async Task Blocked_member_cannot_send_and_conversation_disappears_for_blocker()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);

        var blocked = await ayu.Http.PostAsJsonAsync("/api/contacts/blocks", new { memberId = ben.Id });
        Assert.Equal(HttpStatusCode.NoContent, blocked.StatusCode);

        Assert.Empty((await ayu.Http.GetFromJsonAsync<List<ConversationView>>("/api/conversations"))!);
        await using var benHub = await App.ConnectHubAsync(ben);
        var error = await Assert.ThrowsAsync<HubException>(() =>
            benHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "why?")));
        HubErrors.AssertCode("ConversationClosed", error);
        Assert.Equal(HttpStatusCode.NotFound, (await ben.Http.GetAsync($"/api/profiles/{ayu.Id}")).StatusCode);
        var again = await ben.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = ayu.Id });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, await App.CountMessagesAsync(conversationId));
    }

    private async Task<(HubConnection Hub, Guid ConversationId)> ConnectedPairAsync()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        return (await App.ConnectHubAsync(ayu), conversationId);
    }
}

public sealed class Chat_flow_on_SQLite(SqliteAppFixture fixture) : ChatFlowSpecification(fixture), IClassFixture<SqliteAppFixture>;

public sealed class Chat_flow_on_PostgreSQL(PostgresAppFixture fixture) : ChatFlowSpecification(fixture), IClassFixture<PostgresAppFixture>;
