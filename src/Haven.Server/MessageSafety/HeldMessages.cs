using Haven.Server.Audit;
using Haven.Server.Chat;
using Haven.Server.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.MessageSafety;

/// <summary>
/// Moderators' side of held messages: list a conversation's, release one (it is delivered live then) or
/// reject it (the recipient never sees it).
/// </summary>
public sealed partial class HeldMessages(HavenDbContext db, MessageCipher cipher, IHubContext<ChatHub, IChatClient> hub, IAuditTrail audit, ILogger<HeldMessages> logger)
{
    public async Task<IReadOnlyList<HeldMessageView>> ListAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.Delivery == MessageDelivery.Held)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(m => new HeldMessageView(m.Id, m.ConversationId, m.SenderId, cipher.Decrypt(m.Body, m.ConversationId), m.SentAt, m.TipList))];
    }

    public async Task<Outcome<MessageView>> ReleaseAsync(Guid moderatorId, long messageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || message.Delivery != MessageDelivery.Held)
            return Refusal.NotFound("There is no held message with this id.");
        message.Delivery = MessageDelivery.Delivered;
        await audit.AppendAsync(Reviewed(moderatorId, message, "safety.release_held_message"), cancellationToken);
        LogReviewed(logger, messageId, moderatorId, MessageDelivery.Delivered);

        var view = new MessageView(message.Id, message.ConversationId, message.SenderId, message.ClientMessageId,
            cipher.Decrypt(message.Body, message.ConversationId), message.SentAt, message.Blurred, message.TipList);
        var members = await db.ConversationMembers.Where(m => m.ConversationId == message.ConversationId)
            .Select(m => m.MemberId).ToListAsync(cancellationToken);
        await hub.Clients.Users(members.Select(m => m.ToString())).MessageReceived(view);
        return view;
    }

    public async Task<Refusal?> RejectAsync(Guid moderatorId, long messageId, CancellationToken cancellationToken)
    {
        var message = await db.Messages.SingleOrDefaultAsync(m => m.Id == messageId, cancellationToken);
        if (message is null || message.Delivery != MessageDelivery.Held)
            return Refusal.NotFound("There is no held message with this id.");
        message.Delivery = MessageDelivery.Rejected;
        await audit.AppendAsync(Reviewed(moderatorId, message, "safety.reject_held_message"), cancellationToken);
        LogReviewed(logger, messageId, moderatorId, MessageDelivery.Rejected);
        return null;
    }

    private static AuditEvent Reviewed(Guid moderatorId, Message message, string action) =>
        new(AuditEvent.Member(moderatorId), action, $"message:{message.Id}", new Dictionary<string, string>
        {
            ["conversation"] = message.ConversationId.ToString(),
            ["sender"] = AuditEvent.Member(message.SenderId),
        });

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "Held message {MessageId} reviewed by {ModeratorId}: {Delivery}.")]
    private static partial void LogReviewed(ILogger logger, long messageId, Guid moderatorId, MessageDelivery delivery);
}
