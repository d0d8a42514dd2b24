using Haven.Server.Chat;
using Haven.Server.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Consent;

/// <summary>What other features (media, safety) ask about a conversation's consent.</summary>
public interface IConsentLevels
{
    /// <summary>The lower of the two members' levels; <see cref="ConsentLevel.Chat"/> until both chose more.</summary>
    Task<ConsentLevel> EffectiveAsync(Guid conversationId, CancellationToken cancellationToken);
}

/// <summary>
/// Each member's own level per conversation. Lowering takes effect at once for both; raising only
/// raises the effective level as far as the other member has already chosen, and otherwise asks them
/// (a pending proposal they can accept or decline). Every change goes into the consent ledger.
/// </summary>
public sealed class ConsentService(HavenDbContext db, TimeProvider clock, IHubContext<ChatHub> hub) : IConsentLevels
{
    public const string ChangedEvent = "ConsentChanged";

    public async Task<ConsentLevel> EffectiveAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        var levels = await db.ConversationMembers.Where(m => m.ConversationId == conversationId)
            .Select(m => db.ConsentChoices.Where(c => c.ConversationId == conversationId && c.MemberId == m.MemberId)
                .Select(c => (ConsentLevel?)c.Level).FirstOrDefault())
            .ToListAsync(cancellationToken);
        return levels.Count == 0 ? ConsentLevel.Chat : levels.Min(l => l ?? ConsentLevel.Chat);
    }

    public async Task<Outcome<ConsentView>> ViewAsync(Guid memberId, Guid conversationId, CancellationToken cancellationToken)
    {
        var other = await OtherAsync(memberId, conversationId, cancellationToken);
        if (other.Refusal is { } refusal)
            return refusal;
        return await ViewAsync(memberId, other.Value, conversationId, cancellationToken);
    }

    public async Task<Outcome<ConsentView>> SetAsync(Guid memberId, Guid conversationId, ConsentLevel? level, CancellationToken cancellationToken)
    {
        if (level is not { } chosen || !Enum.IsDefined(chosen))
            return new Refusal(StatusCodes.Status400BadRequest, "ConsentLevelInvalid", "Please choose one of the levels.");
        var other = await OtherAsync(memberId, conversationId, cancellationToken);
        if (other.Refusal is { } refusal)
            return refusal;
        var otherId = other.Value;

        var now = clock.GetUtcNow();
        var mine = await ChoiceAsync(conversationId, memberId, now, cancellationToken);
        if (mine.Level == chosen)
            return await ViewAsync(memberId, otherId, conversationId, cancellationToken);
        var theirs = await LevelAsync(conversationId, otherId, cancellationToken);
        db.ConsentLedger.Add(new ConsentLedgerEntry
        {
            ConversationId = conversationId, MemberId = memberId, Action = ConsentAction.Changed, From = mine.Level, To = chosen, At = now,
        });
        mine.Level = chosen;
        mine.ChangedAt = now;

        // Above the other's level the change is a question to them; at or below it, nothing is asked.
        var proposal = await db.ConsentProposals.FindAsync([conversationId, memberId], cancellationToken);
        if (chosen > theirs)
        {
            if (proposal is null)
                db.ConsentProposals.Add(new ConsentProposal { ConversationId = conversationId, ProposerId = memberId, Level = chosen, CreatedAt = now });
            else
                (proposal.Level, proposal.CreatedAt) = (chosen, now);
        }
        else if (proposal is not null)
        {
            db.ConsentProposals.Remove(proposal);
        }

        // Choosing at least what the other proposed answers their question.
        var theirProposal = await db.ConsentProposals.FindAsync([conversationId, otherId], cancellationToken);
        if (theirProposal is not null && chosen >= theirProposal.Level)
            db.ConsentProposals.Remove(theirProposal);

        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(conversationId, memberId, otherId);
        return await ViewAsync(memberId, otherId, conversationId, cancellationToken);
    }

    public async Task<Outcome<ConsentView>> AnswerAsync(Guid memberId, Guid conversationId, bool accept, CancellationToken cancellationToken)
    {
        var other = await OtherAsync(memberId, conversationId, cancellationToken);
        if (other.Refusal is { } refusal)
            return refusal;
        var otherId = other.Value;
        var proposal = await db.ConsentProposals.FindAsync([conversationId, otherId], cancellationToken);
        if (proposal is null)
            return Refusal.NotFound("There is nothing to answer: the other member has not asked for more.");

        var now = clock.GetUtcNow();
        var mine = await ChoiceAsync(conversationId, memberId, now, cancellationToken);
        db.ConsentLedger.Add(new ConsentLedgerEntry
        {
            ConversationId = conversationId, MemberId = memberId, Action = accept ? ConsentAction.Accepted : ConsentAction.Declined,
            From = mine.Level, To = proposal.Level, At = now,
        });
        db.ConsentProposals.Remove(proposal);
        if (accept && proposal.Level > mine.Level)
        {
            mine.Level = proposal.Level;
            mine.ChangedAt = now;
            var own = await db.ConsentProposals.FindAsync([conversationId, memberId], cancellationToken);
            if (own is not null && own.Level <= proposal.Level)
                db.ConsentProposals.Remove(own);
        }

        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(conversationId, memberId, otherId);
        return await ViewAsync(memberId, otherId, conversationId, cancellationToken);
    }

    /// <summary>The ledger for a member of the conversation (hidden conversations included: it is their record too).</summary>
    public async Task<Outcome<IReadOnlyList<ConsentLedgerView>>> LedgerAsync(Guid memberId, Guid conversationId, CancellationToken cancellationToken)
    {
        if (!await db.ConversationMembers.AnyAsync(m => m.ConversationId == conversationId && m.MemberId == memberId, cancellationToken))
            return Refusal.NotFound("This conversation could not be found.");
        return Outcome(await LedgerRowsAsync(conversationId, cancellationToken));
    }

    /// <summary>For moderators working a case: no membership check, the caller's policy is the check.</summary>
    public async Task<Outcome<IReadOnlyList<ConsentLedgerView>>> LedgerForModerationAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, cancellationToken))
            return Refusal.NotFound("This conversation could not be found.");
        return Outcome(await LedgerRowsAsync(conversationId, cancellationToken));
    }

    private static Outcome<IReadOnlyList<ConsentLedgerView>> Outcome(IReadOnlyList<ConsentLedgerView> rows) => new(rows, null);

    private async Task<IReadOnlyList<ConsentLedgerView>> LedgerRowsAsync(Guid conversationId, CancellationToken cancellationToken) =>
        await db.ConsentLedger.AsNoTracking().Where(e => e.ConversationId == conversationId).OrderBy(e => e.Id)
            .Join(db.Users, e => e.MemberId, m => m.Id, (e, m) => new ConsentLedgerView(e.Id, e.MemberId, m.Pseudonym, e.Action, e.From, e.To, e.At))
            .ToListAsync(cancellationToken);

    private async Task<Outcome<Guid>> OtherAsync(Guid memberId, Guid conversationId, CancellationToken cancellationToken)
    {
        // As for reading messages: a closed (blocked) conversation still lets a member lower their level.
        // Not ChatService.AccessAsync: ChatService depends on the message gates, one of which depends on this.
        var members = await db.ConversationMembers.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .Select(m => new { m.MemberId, m.Hidden }).ToListAsync(cancellationToken);
        var me = members.SingleOrDefault(m => m.MemberId == memberId);
        if (me is null || me.Hidden || members.Count != 2)
            return Refusal.NotFound("This conversation could not be found.");
        return members.Single(m => m.MemberId != memberId).MemberId;
    }

    private async Task<ConsentChoice> ChoiceAsync(Guid conversationId, Guid memberId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var choice = await db.ConsentChoices.FindAsync([conversationId, memberId], cancellationToken);
        if (choice is null)
        {
            choice = new ConsentChoice { ConversationId = conversationId, MemberId = memberId, Level = ConsentLevel.Chat, ChangedAt = now };
            db.ConsentChoices.Add(choice);
        }

        return choice;
    }

    private async Task<ConsentLevel> LevelAsync(Guid conversationId, Guid memberId, CancellationToken cancellationToken) =>
        await db.ConsentChoices.Where(c => c.ConversationId == conversationId && c.MemberId == memberId)
            .Select(c => (ConsentLevel?)c.Level).FirstOrDefaultAsync(cancellationToken) ?? ConsentLevel.Chat;

    private async Task<ConsentView> ViewAsync(Guid memberId, Guid otherId, Guid conversationId, CancellationToken cancellationToken)
    {
        var mine = await LevelAsync(conversationId, memberId, cancellationToken);
        var theirs = await LevelAsync(conversationId, otherId, cancellationToken);
        var proposals = await db.ConsentProposals.AsNoTracking().Where(p => p.ConversationId == conversationId).ToListAsync(cancellationToken);
        return new ConsentView(conversationId, (ConsentLevel)Math.Min((int)mine, (int)theirs), mine, theirs,
            proposals.FirstOrDefault(p => p.ProposerId == memberId)?.Level, proposals.FirstOrDefault(p => p.ProposerId == otherId)?.Level);
    }

    private Task NotifyAsync(Guid conversationId, Guid memberId, Guid otherId) =>
        hub.Clients.Users([memberId.ToString(), otherId.ToString()]).SendAsync(ChangedEvent, new ConsentNotice(conversationId));
}
