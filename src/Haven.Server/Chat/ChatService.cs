using System.Diagnostics;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Chat;

/// <summary>Reading and writing conversations on behalf of a member; every call checks membership.</summary>
public sealed class ChatService(
    HavenDbContext db,
    MessageCipher cipher,
    MessageWriter writer,
    ChatMetrics metrics,
    TimeProvider clock,
    IOptions<ChatOptions> options,
    FactCache facts,
    SendTurn turn,
    IEnumerable<IMessageGate> gates)
{
    /// <summary>Checks who may write, validates, stores (idempotently) and returns the stored message.</summary>
    public async Task<Outcome<(MessageView Message, bool Duplicate, Guid[] Recipients)>> SendAsync(Guid senderId, SendMessageRequest request, CancellationToken ct)
    {
        var text = request.Text;
        if (request.ClientMessageId == Guid.Empty)
            return Invalid("ClientMessageIdMissing", "Each message needs a client message id.");
        if (string.IsNullOrWhiteSpace(text))
            return Invalid("TextEmpty", "Please write something before sending.");
        if (text.Length > options.Value.MaxMessageLength)
            return Invalid("TextTooLong", $"Messages can be up to {options.Value.MaxMessageLength} characters.");

        var access = await AccessAsync(senderId, request.ConversationId, ct);
        if (access.Refusal is not null)
            return access.Refusal;
        var others = access.Value!;

        // A resend may find its message stored (the ack was lost): answer with it before the gates, which may
        // judge differently now. Most messages are first sends and skip this query.
        if (request.Resend && await DuplicateAsync(senderId, request, others, ct) is { } resent)
            return resent;

        var gatesStarted = Stopwatch.GetTimestamp();
        var gateContext = new MessageGateContext(senderId, request.ConversationId, others, text, request.Confirmed);
        foreach (var gate in gates)
            if (await gate.CheckAsync(gateContext, ct) is { } refused)
                return refused;
        metrics.RecordGates(Stopwatch.GetElapsedTime(gatesStarted));

        var message = new Message
        {
            ConversationId = request.ConversationId,
            SenderId = senderId,
            ClientMessageId = request.ClientMessageId,
            Body = cipher.Encrypt(text, request.ConversationId),
            SentAt = clock.GetUtcNow(),
            Blurred = gateContext.BlurForRecipients,
            Delivery = gateContext.HoldForReview ? MessageDelivery.Held : MessageDelivery.Delivered,
            Tips = gateContext.RecipientTips.Count == 0 ? null : string.Join(',', gateContext.RecipientTips),
        };
        await turn.PreviousQueued;
        var queued = writer.TryEnqueue(message, out var pending);
        turn.Queued();
        if (!queued)
            return new Refusal(StatusCodes.Status503ServiceUnavailable, "Busy", "Haven is very busy right now. Your message was not sent; please try again in a moment.");

        // Not cancellable on purpose: once queued the message may be committed, and the sender
        // must learn its id (the write itself is bounded by the database's command timeout).
        var stored = await pending;
        if (stored.Duplicate)
            return await DuplicateAsync(senderId, request, others, CancellationToken.None)
                ?? throw new InvalidOperationException("The writer reported a duplicate that is not stored.");
        metrics.MessageStored();
        await gateContext.RunAfterStoredAsync(stored.Id, CancellationToken.None);
        return (new MessageView(stored.Id, stored.ConversationId, senderId, request.ClientMessageId, text, stored.SentAt, message.Blurred,
            message.TipList, message.Delivery == MessageDelivery.Held), false, others);
    }

    public async Task<Outcome<MessagePage>> HistoryAsync(Guid memberId, Guid conversationId, long? before, long? after, int? limit, CancellationToken ct)
    {
        var access = await AccessAsync(memberId, conversationId, ct, forReading: true);
        if (access.Refusal is not null)
            return access.Refusal;

        var take = Math.Clamp(limit ?? 50, 1, options.Value.MaxHistoryPage);
        // Held (and rejected) messages are only their sender's to see.
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId
            && (m.Delivery == MessageDelivery.Delivered || m.SenderId == memberId));
        List<Message> rows;
        if (after is { } afterId)
        {
            // Catch-up after a reconnect: oldest first from the last id the client saw.
            rows = await query.Where(m => m.Id > afterId).OrderBy(m => m.Id).Take(take + 1).ToListAsync(ct);
            var hasMoreAfter = rows.Count > take;
            return new MessagePage(rows.Take(take).Select(View).ToList(), hasMoreAfter);
        }

        if (before is { } beforeId)
            query = query.Where(m => m.Id < beforeId);
        rows = await query.OrderByDescending(m => m.Id).Take(take + 1).ToListAsync(ct);
        var hasMore = rows.Count > take;
        return new MessagePage(rows.Take(take).Reverse().Select(View).ToList(), hasMore);
    }

    public async Task<IReadOnlyList<ConversationView>> ConversationsAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.MemberId == memberId && !m.Hidden)
            .Select(m => new
            {
                m.ConversationId,
                m.Conversation!.CreatedAt,
                LastMessageId = db.Messages.Where(x => x.ConversationId == m.ConversationId && (x.Delivery == MessageDelivery.Delivered || x.SenderId == memberId)).Max(x => (long?)x.Id),
                m.LastReadMessageId,
                Other = m.Conversation.Members.Where(o => o.MemberId != memberId)
                    .Select(o => new { o.MemberId, o.Member!.Pseudonym, o.LastReadMessageId }).First(),
                Unread = db.Messages.Count(x => x.ConversationId == m.ConversationId && x.SenderId != memberId && x.Delivery == MessageDelivery.Delivered && x.Id > m.LastReadMessageId),
            })
            .ToListAsync(ct);
        var lastIds = rows.Where(r => r.LastMessageId is not null).Select(r => r.LastMessageId!.Value).ToList();
        var lastSent = await db.Messages.AsNoTracking().Where(x => lastIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.SentAt, ct);
        // Newest activity first; message ids grow with commit order, so they order conversations without a
        // "last message" column that every send would have to update.
        return rows.OrderByDescending(r => r.LastMessageId ?? 0).ThenByDescending(r => r.CreatedAt)
            .Select(r => new ConversationView(r.ConversationId, r.Other.MemberId, r.Other.Pseudonym,
                r.LastMessageId is { } id ? lastSent[id] : r.CreatedAt, r.Unread, r.Other.LastReadMessageId))
            .ToList();
    }

    public async Task<Outcome<(ReadReceipt Receipt, Guid[] Recipients)>> MarkReadAsync(Guid memberId, Guid conversationId, long messageId, CancellationToken ct)
    {
        var access = await AccessAsync(memberId, conversationId, ct, forReading: true);
        if (access.Refusal is not null)
            return access.Refusal;
        var newest = await db.Messages.Where(m => m.ConversationId == conversationId && m.Id <= messageId)
            .MaxAsync(m => (long?)m.Id, ct) ?? 0;
        await db.ConversationMembers
            .Where(m => m.ConversationId == conversationId && m.MemberId == memberId && m.LastReadMessageId < newest)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastReadMessageId, newest), ct);
        return (new ReadReceipt(conversationId, memberId, newest), access.Value!);
    }

    /// <summary>
    /// The other members of the conversation if <paramref name="memberId"/> may use it. Not being a
    /// member and a hidden conversation both look like "not found" so nothing leaks.
    /// </summary>
    public async Task<Outcome<Guid[]>> AccessAsync(Guid memberId, Guid conversationId, CancellationToken ct, bool forReading = false)
    {
        var members = await facts.GetOrLoadAsync(ChatFacts.Members(conversationId), c => db.ConversationMembers.AsNoTracking()
            .Where(m => m.ConversationId == conversationId)
            .Select(m => new ConversationSeat(m.MemberId, m.Hidden)).ToArrayAsync(c), ct);
        var me = Array.Find(members, m => m.MemberId == memberId);
        if (me.MemberId != memberId || me.Hidden)
            return Refusal.NotFound("This conversation could not be found.");
        var others = members.Where(m => m.MemberId != memberId).Select(m => m.MemberId).ToArray();
        if (!forReading)
        {
            var blocked = await BlockedEitherWayAsync(memberId, ct);
            if (others.Any(blocked.Contains))
                return new Refusal(StatusCodes.Status403Forbidden, "ConversationClosed", "This conversation is closed. You can no longer send messages here.");
        }

        return others;
    }

    /// <summary>Everyone the member blocked or was blocked by (a cached fact, evicted on block and unblock).</summary>
    public ValueTask<Guid[]> BlockedEitherWayAsync(Guid memberId, CancellationToken ct) =>
        facts.GetOrLoadAsync(ChatFacts.Blocks(memberId), c => db.Blocks.AsNoTracking()
            .Where(b => b.BlockerId == memberId || b.BlockedId == memberId)
            .Select(b => b.BlockerId == memberId ? b.BlockedId : b.BlockerId).ToArrayAsync(c), ct);

    /// <summary>The stored message this request repeats, answered as it was stored; null when there is none.</summary>
    private async Task<Outcome<(MessageView Message, bool Duplicate, Guid[] Recipients)>?> DuplicateAsync(
        Guid senderId, SendMessageRequest request, Guid[] others, CancellationToken ct)
    {
        var existing = await db.Messages.AsNoTracking()
            .SingleOrDefaultAsync(m => m.SenderId == senderId && m.ClientMessageId == request.ClientMessageId, ct);
        if (existing is null)
            return null;
        return existing.ConversationId == request.ConversationId
            ? (View(existing), true, others)
            : Invalid("ClientMessageIdReused", "This client message id was already used for another conversation.");
    }

    private MessageView View(Message m) => View(m, cipher.Decrypt(m.Body, m.ConversationId));

    private static MessageView View(Message m, string text) =>
        new(m.Id, m.ConversationId, m.SenderId, m.ClientMessageId, text, m.SentAt, m.Blurred, m.TipList,
            m.Delivery == MessageDelivery.Held, m.Delivery == MessageDelivery.Rejected);

    private static Refusal Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}
