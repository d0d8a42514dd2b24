using System.Diagnostics;
using Haven.Server.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using StackExchange.Redis;

namespace Haven.Server.Chat;

/// <summary>
/// The real-time message path. Every method authorizes the caller against the conversation
/// before doing anything; errors reach the client as a <see cref="HubException"/> whose message
/// starts with a stable code ("TextEmpty: …").
/// </summary>
[Authorize(Policy = Policies.Member)]
public sealed partial class ChatHub(ChatService chat, MessageRateLimiter rateLimiter, SendTurn turn, ChatMetrics metrics, ILogger<ChatHub> logger) : Hub<IChatClient>
{
    public const string Path = "/hubs/chat";

    /// <summary>Set on a connection whose place in its member's <see cref="Devices"/> group could not be taken.</summary>
    private static readonly object OutsideDevicesKey = new();

    /// <summary>
    /// The group of one member's connections (their devices), so a message can reach the sender's other devices
    /// without going back to the connection that sent it (which has the ack). Recipients are still reached as
    /// users: SignalR subscribes a user's channel before the client's connection is up, a group only once this
    /// hub's start-up has run.
    /// </summary>
    private static string Devices(Guid memberId) => $"member:{memberId:N}";

    public override async Task OnConnectedAsync()
    {
        metrics.Connected();
        try
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Devices(Context.User!.MemberId()));
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // The backplane is down: chat still works on this node. This connection's sends then go to all of
            // the member's devices as users, itself included (clients de-duplicate by message id).
            Context.Items[OutsideDevicesKey] = true;
            LogDevicesGroupUnavailable(logger, exception);
        }

        await base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        metrics.Disconnected();
        return base.OnDisconnectedAsync(exception);
    }

    public async Task<MessageAck> SendMessage(SendMessageRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = ChatMetrics.ActivitySource.StartActivity("chat.send");
        if (request is null)
            throw Refused(new Refusal(StatusCodes.Status400BadRequest, "RequestMissing", "The message is missing."));
        var memberId = Context.User!.MemberId();
        if (!await rateLimiter.TryAcquireAsync(memberId))
            throw Refused(new Refusal(StatusCodes.Status429TooManyRequests, "SlowDown", "You are sending messages very quickly. Please wait a moment and try again."));

        Outcome<(MessageView Message, bool Duplicate, Guid[] Recipients)> outcome;
        try
        {
            outcome = await chat.SendAsync(memberId, request, Context.ConnectionAborted);
        }
        catch (Exception exception) when (exception is not HubException and not OperationCanceledException)
        {
            // Storage failed: nothing was acknowledged, so the client can safely resend the same id.
            LogStoreFailed(logger, exception);
            throw Refused(new Refusal(StatusCodes.Status503ServiceUnavailable, "TryAgain", "Your message could not be saved just now. Please try again."));
        }

        if (outcome.Refusal is { } refusal)
            throw Refused(refusal);

        var (message, duplicate, recipients) = outcome.Value;
        await turn.PreviousDelivered;
        try
        {
            // Duplicates are delivered again on purpose: a resend means the sender never saw an ack,
            // so the node that stored the original may have died before fanning it out. Clients
            // de-duplicate by message id.
            // The sending connection learns everything from the ack; the sender's other devices get the message.
            // A held message waits for review: only the sender's other devices learn of it now.
            var otherDevices = Context.Items.ContainsKey(OutsideDevicesKey)
                ? Clients.User(memberId.ToString()).MessageReceived(message)
                : Clients.OthersInGroup(Devices(memberId)).MessageReceived(message);
            if (message.Held || message.Rejected)
                await otherDevices;
            else
                await Task.WhenAll(Clients.Users([.. recipients.Select(r => r.ToString())]).MessageReceived(message), otherDevices);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The message is stored: acknowledge it. Recipients catch up from the database when
            // the backplane is back (they are told to resync).
            LogFanOutFailed(logger, exception);
        }
        finally
        {
            turn.Delivered();
        }

        metrics.RecordAck(Stopwatch.GetElapsedTime(started));
        return new MessageAck(message.ClientMessageId, message.Id, message.ConversationId, message.SentAt, duplicate, message.Held);
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

    private HubException Refused(Refusal refusal)
    {
        metrics.Refused(refusal.Code);
        return new HubException($"{refusal.Code}: {refusal.Message}");
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storing a message failed.")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering a stored message to live connections failed.")]
    private static partial void LogFanOutFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not join the connection to its member's device group; its messages will also come back to it.")]
    private static partial void LogDevicesGroupUnavailable(ILogger logger, Exception exception);
}
