using Haven.Server.Age;
using Haven.Server.Consent;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using SafetyConsent = Haven.Safety.Policy.ConsentLevel;
using Haven.Safety.Policy;

namespace Haven.Server.MessageSafety;

/// <summary>Earlier moderation strikes against a member; Moderation replaces this when it records strikes.</summary>
public interface IPriorStrikes
{
    ValueTask<int> CountAsync(Guid memberId, CancellationToken cancellationToken);
}

internal sealed class NoPriorStrikes : IPriorStrikes
{
    public ValueTask<int> CountAsync(Guid memberId, CancellationToken cancellationToken) => ValueTask.FromResult(0);
}

/// <summary>
/// The facts about sender and conversation that policy rules test. Looked up only for messages that
/// carry a signal or a conversation risk: a clean message never pays for these queries.
/// </summary>
internal sealed class PolicyContextSource(HavenDbContext db, IConsentLevels consent, IAgeStatus age, IPriorStrikes strikes, TimeProvider clock)
{
    public async Task<PolicyContext> ForAsync(Guid senderId, Guid conversationId, CancellationToken cancellationToken)
    {
        var level = await consent.EffectiveAsync(conversationId, cancellationToken) switch
        {
            Consent.ConsentLevel.Chat => SafetyConsent.None,
            Consent.ConsentLevel.Flirting => SafetyConsent.Flirt,
            _ => SafetyConsent.Explicit,
        };
        var created = await db.Users.Where(u => u.Id == senderId).Select(u => u.CreatedAt).FirstAsync(cancellationToken);
        var verified = await age.IsVerifiedAsync(senderId, cancellationToken);
        var firstContact = !await db.Messages.AnyAsync(m => m.ConversationId == conversationId, cancellationToken);
        var accountAgeDays = (int)Math.Clamp((clock.GetUtcNow() - created).TotalDays, 0, int.MaxValue);
        return new PolicyContext(level, accountAgeDays, verified, await strikes.CountAsync(senderId, cancellationToken),
            firstContact ? MessageDirection.FirstContact : MessageDirection.Ongoing);
    }
}
