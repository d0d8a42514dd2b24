using Haven.Server.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Chat;

/// <summary>
/// The real-time message path. Every method authorizes the caller against the conversation
/// before doing anything; errors reach the client as a <see cref="HubException"/> whose message
/// starts with a stable code ("TextEmpty: …").
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed class ChatHub(ChatService chat, MessageRateLimiter rateLimiter) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    public async Task<MessageAck> SendMessage(SendMessageRequest request)
    {
        if (request is null)
            throw Refused(new Refusal(StatusCodes.Status400BadRequest, "RequestMissing", "The message is missing."));
        var memberId = Context.User!.MemberId();
        using var lease = rateLimiter.Acquire(memberId);
        if (!lease.IsAcquired)
            throw Refused(new Refusal(StatusCodes.Status429TooManyRequests, "SlowDown", "You are sending messages very quickly. Please wait a moment and try again."));

        var outcome = await chat.SendAsync(memberId, request, Context.ConnectionAborted);
        if (outcome.Refusal is { } refusal)
            throw Refused(refusal);

        var (message, duplicate, recipients) = outcome.Value;
        if (!duplicate)
            await Clients.Users([.. recipients.Select(r => r.ToString()), memberId.ToString()]).MessageReceived(message);
        return new MessageAck(message.ClientMessageId, message.Id, message.ConversationId, message.SentAt, duplicate);
    }

    public async Task Typing(Guid conversationId)
    {
        var memberId = Context.User!.MemberId();
        var access = await chat.AccessAsync(memberId, conversationId, Context.ConnectionAborted);
        if (access.Refusal is { } refusal)
            throw Refused(refusal);
        await Clients.Users(access.Value!.Select(r => r.ToString())).Typing(new TypingNotice(conversationId, memberId));
    }

    public async Task<ReadReceipt> MarkRead(Guid conversationId, long messageId)
    {
        var memberId = Context.User!.MemberId();
        var outcome = await chat.MarkReadAsync(memberId, conversationId, messageId, Context.ConnectionAborted);
        if (outcome.Refusal is { } refusal)
            throw Refused(refusal);
        var (receipt, recipients) = outcome.Value;
        await Clients.Users(recipients.Select(r => r.ToString())).Read(receipt);
        return receipt;
    }

    private static HubException Refused(Refusal refusal) => new($"{refusal.Code}: {refusal.Message}");
}
