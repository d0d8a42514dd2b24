using Haven.Server.Chat;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Contacts;

/// <summary>Contact requests (consent to be contacted) and blocks.</summary>
public sealed class ContactService(HavenDbContext db, FactCache facts, TimeProvider clock, IOptions<ContactsOptions> options, IEnumerable<IContactGate> gates)
{
    private static readonly TimeSpan DeclinedQuietPeriod = TimeSpan.FromDays(30);

    public async Task<Outcome<ContactRequestView>> SendAsync(Guid fromId, SendContactRequest request, CancellationToken ct)
    {
        if (request.ToMemberId == fromId)
            return new Refusal(StatusCodes.Status400BadRequest, "CannotRequestSelf", "You can't send a request to yourself.");
        if (await GateAsync(fromId, ContactAction.SendRequest, ct) is { } gated)
            return gated;
        var target = await db.Users.AsNoTracking().Where(m => m.Id == request.ToMemberId)
            .Select(m => new { m.Id, m.Pseudonym }).SingleOrDefaultAsync(ct);
        // A block in either direction looks like a missing member: the blocker's presence is not revealed.
        if (target is null || await IsBlockedEitherWayAsync(fromId, target.Id, ct))
            return Refusal.NotFound("This member could not be found.");

        var pairKey = Conversation.PairKeyOf(fromId, target.Id);
        var conversation = await db.Conversations.AsNoTracking().Where(c => c.PairKey == pairKey).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        if (conversation is not null)
            return new Refusal(StatusCodes.Status409Conflict, "AlreadyConnected", "You are already talking with this member.");

        var now = clock.GetUtcNow();
        var previous = await db.ContactRequests
            .Where(r => (r.FromId == fromId && r.ToId == target.Id) || (r.FromId == target.Id && r.ToId == fromId))
            .OrderByDescending(r => r.CreatedAt).ToListAsync(ct);

        var theirs = previous.FirstOrDefault(r => r.FromId == target.Id && r.Status == ContactRequestStatus.Pending);
        if (theirs is not null)
        {
            // They already asked: asking back is saying yes.
            var accepted = await AcceptAsync(fromId, theirs.Id, ct);
            return accepted.Refusal ?? (Outcome<ContactRequestView>)accepted.Value!;
        }

        var mine = previous.FirstOrDefault(r => r.FromId == fromId);
        if (mine is { Status: ContactRequestStatus.Pending })
            return new Refusal(StatusCodes.Status409Conflict, "RequestAlreadySent", "You have already sent this member a request.");
        if (mine is { Status: ContactRequestStatus.Declined } && now - mine.CreatedAt < DeclinedQuietPeriod)
            return View(mine, target.Id, target.Pseudonym, asSender: true, null); // declines stay silent: nothing new is sent

        var since = now.AddDays(-1);
        var sentToday = await db.ContactRequests.CountAsync(r => r.FromId == fromId && r.CreatedAt > since, ct);
        if (sentToday >= options.Value.MaxRequestsPerDay)
            return new Refusal(StatusCodes.Status429TooManyRequests, "RequestLimitReached",
                $"You can send up to {options.Value.MaxRequestsPerDay} requests a day. Please try again tomorrow.");

        var entity = new ContactRequest
        {
            Id = Guid.CreateVersion7(now),
            FromId = fromId,
            ToId = target.Id,
            Note = request.Note?.Trim() ?? "",
            Status = ContactRequestStatus.Pending,
            CreatedAt = now,
        };
        db.ContactRequests.Add(entity);
        await db.SaveChangesAsync(ct);
        return View(entity, target.Id, target.Pseudonym, asSender: true, null);
    }

    public async Task<Outcome<ContactRequestView>> AcceptAsync(Guid memberId, Guid requestId, CancellationToken ct)
    {
        var request = await db.ContactRequests.Include(r => r.From)
            .SingleOrDefaultAsync(r => r.Id == requestId && r.ToId == memberId && r.Status == ContactRequestStatus.Pending, ct);
        if (request is null || await IsBlockedEitherWayAsync(memberId, request.FromId, ct))
            return Refusal.NotFound("This request could not be found.");
        if (await GateAsync(memberId, ContactAction.AcceptRequest, ct) is { } gated)
            return gated;

        var now = clock.GetUtcNow();
        request.Status = ContactRequestStatus.Accepted;
        request.RespondedAt = now;
        var pairKey = Conversation.PairKeyOf(request.FromId, memberId);
        var conversation = await db.Conversations.Include(c => c.Members).SingleOrDefaultAsync(c => c.PairKey == pairKey, ct);
        if (conversation is null)
        {
            conversation = new Conversation { Id = Guid.CreateVersion7(now), PairKey = pairKey, CreatedAt = now };
            conversation.Members.Add(new ConversationMember { MemberId = request.FromId });
            conversation.Members.Add(new ConversationMember { MemberId = memberId });
            db.Conversations.Add(conversation);
        }

        await db.SaveChangesAsync(ct);
        return View(request, request.FromId, request.From!.Pseudonym, asSender: false, conversation.Id);
    }

    public async Task<Refusal?> DeclineAsync(Guid memberId, Guid requestId, CancellationToken ct)
    {
        var request = await db.ContactRequests
            .SingleOrDefaultAsync(r => r.Id == requestId && r.ToId == memberId && r.Status == ContactRequestStatus.Pending, ct);
        if (request is null)
            return Refusal.NotFound("This request could not be found.");
        request.Status = ContactRequestStatus.Declined;
        request.RespondedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<IReadOnlyList<ContactRequestView>> IncomingAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await db.ContactRequests.AsNoTracking()
            .Where(r => r.ToId == memberId && r.Status == ContactRequestStatus.Pending)
            .Where(r => !db.Blocks.Any(b => (b.BlockerId == memberId && b.BlockedId == r.FromId) || (b.BlockerId == r.FromId && b.BlockedId == memberId)))
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new { Request = r, r.From!.Pseudonym })
            .ToListAsync(ct);
        return rows.Select(r => View(r.Request, r.Request.FromId, r.Pseudonym, asSender: false, null)).ToList();
    }

    public async Task<IReadOnlyList<ContactRequestView>> OutgoingAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await db.ContactRequests.AsNoTracking()
            .Where(r => r.FromId == memberId && r.Status != ContactRequestStatus.Accepted && r.Status != ContactRequestStatus.Withdrawn)
            .OrderByDescending(r => r.CreatedAt)
            .Select(r => new { Request = r, r.To!.Pseudonym })
            .Take(100)
            .ToListAsync(ct);
        return rows.Select(r => View(r.Request, r.Request.ToId, r.Pseudonym, asSender: true, null)).ToList();
    }

    public async Task<Refusal?> BlockAsync(Guid memberId, Guid otherId, CancellationToken ct)
    {
        if (otherId == memberId)
            return new Refusal(StatusCodes.Status400BadRequest, "CannotBlockSelf", "You can't block yourself.");
        if (!await db.Users.AnyAsync(m => m.Id == otherId, ct))
            return Refusal.NotFound("This member could not be found.");

        var now = clock.GetUtcNow();
        if (!await db.Blocks.AnyAsync(b => b.BlockerId == memberId && b.BlockedId == otherId, ct))
            db.Blocks.Add(new Block { BlockerId = memberId, BlockedId = otherId, CreatedAt = now });

        var pending = await db.ContactRequests.Where(r => r.Status == ContactRequestStatus.Pending
            && ((r.FromId == memberId && r.ToId == otherId) || (r.FromId == otherId && r.ToId == memberId))).ToListAsync(ct);
        foreach (var request in pending)
        {
            request.Status = request.FromId == memberId ? ContactRequestStatus.Withdrawn : ContactRequestStatus.Declined;
            request.RespondedAt = now;
        }

        var pairKey = Conversation.PairKeyOf(memberId, otherId);
        var membership = await db.ConversationMembers
            .SingleOrDefaultAsync(m => m.MemberId == memberId && m.Conversation!.PairKey == pairKey, ct);
        if (membership is not null)
            membership.Hidden = true;

        await db.SaveChangesAsync(ct);
        Forget(memberId, otherId, membership);
        return null;
    }

    public async Task<Refusal?> UnblockAsync(Guid memberId, Guid otherId, CancellationToken ct)
    {
        var block = await db.Blocks.SingleOrDefaultAsync(b => b.BlockerId == memberId && b.BlockedId == otherId, ct);
        if (block is null)
            return Refusal.NotFound("You have not blocked this member.");
        db.Blocks.Remove(block);
        var pairKey = Conversation.PairKeyOf(memberId, otherId);
        var membership = await db.ConversationMembers
            .SingleOrDefaultAsync(m => m.MemberId == memberId && m.Conversation!.PairKey == pairKey, ct);
        if (membership is not null)
            membership.Hidden = false;
        await db.SaveChangesAsync(ct);
        Forget(memberId, otherId, membership);
        return null;
    }

    private void Forget(Guid memberId, Guid otherId, ConversationMember? membership)
    {
        if (membership is null)
            facts.Evict(ChatFacts.Blocks(memberId), ChatFacts.Blocks(otherId));
        else
            facts.Evict(ChatFacts.Blocks(memberId), ChatFacts.Blocks(otherId), ChatFacts.Members(membership.ConversationId));
    }

    public async Task<IReadOnlyList<BlockedMember>> BlockedAsync(Guid memberId, CancellationToken ct) =>
        await db.Blocks.AsNoTracking().Where(b => b.BlockerId == memberId)
            .OrderByDescending(b => b.CreatedAt)
            .Select(b => new BlockedMember(b.BlockedId, b.Blocked!.Pseudonym, b.CreatedAt))
            .ToListAsync(ct);

    private async ValueTask<Refusal?> GateAsync(Guid memberId, ContactAction action, CancellationToken ct)
    {
        foreach (var gate in gates)
            if (await gate.CheckAsync(memberId, action, ct) is { } refused)
                return refused;
        return null;
    }

    public Task<bool> IsBlockedEitherWayAsync(Guid a, Guid b, CancellationToken ct) =>
        db.Blocks.AnyAsync(x => (x.BlockerId == a && x.BlockedId == b) || (x.BlockerId == b && x.BlockedId == a), ct);

    private static ContactRequestView View(ContactRequest request, Guid otherId, string otherPseudonym, bool asSender, Guid? conversationId)
    {
        var status = request.Status switch
        {
            ContactRequestStatus.Accepted => "Accepted",
            ContactRequestStatus.Declined when asSender => "Sent",
            ContactRequestStatus.Pending when asSender => "Sent",
            ContactRequestStatus.Pending => "Pending",
            var other => other.ToString(),
        };
        return new ContactRequestView(request.Id, otherId, otherPseudonym, request.Note, status, request.CreatedAt, conversationId);
    }
}
