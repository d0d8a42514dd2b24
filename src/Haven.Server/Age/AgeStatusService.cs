using Haven.Server.Audit;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Age;

/// <summary>What other features ask about a member's age assurance (messaging, contacts, media).</summary>
public interface IAgeStatus
{
    /// <summary>True when the member's newest age check is a successful verification.</summary>
    ValueTask<bool> IsVerifiedAsync(Guid memberId, CancellationToken cancellationToken);
}

/// <summary>Records outcomes (all Haven keeps of a check) and answers what a member's status is.</summary>
public sealed partial class AgeStatusService(HavenDbContext db, FactCache facts, IAuditTrail audit, TimeProvider clock, ILogger<AgeStatusService> logger) : IAgeStatus
{
    public ValueTask<bool> IsVerifiedAsync(Guid memberId, CancellationToken cancellationToken) =>
        facts.GetOrLoadAsync(Key(memberId), ct => db.AgeChecks.Where(c => c.MemberId == memberId).OrderByDescending(c => c.Id)
            .Select(c => c.Outcome == AgeOutcome.Verified).FirstOrDefaultAsync(ct), cancellationToken);

    private static string Key(Guid memberId) => $"age:{memberId}";

    public async Task<AgeStatusView> StatusAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var latest = await db.AgeChecks.AsNoTracking().Where(c => c.MemberId == memberId).OrderByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var pendingReview = await db.AgeReviews.AnyAsync(r => r.MemberId == memberId && r.Status == AgeReviewStatus.Pending, cancellationToken);
        return View(latest, pendingReview);
    }

    public async Task<AgeStatusView> RecordAsync(Guid memberId, AgeMethod method, AgeOutcome outcome, AssuranceLevel? assurance, string? issuer, CancellationToken cancellationToken)
    {
        var check = new AgeCheck
        {
            MemberId = memberId, Method = method, Outcome = outcome, Assurance = assurance, Issuer = issuer,
            DecidedAt = clock.GetUtcNow(),
        };
        db.AgeChecks.Add(check);
        await db.SaveChangesAsync(cancellationToken);
        facts.Evict(Key(memberId));
        LogRecorded(logger, method, outcome);
        return View(check, pendingReview: false);
    }

    /// <summary>A moderator asks the member to verify again; until they do, the gates treat them as unverified.</summary>
    public async Task<Refusal?> RequireReverificationAsync(Guid moderatorId, Guid memberId, CancellationToken cancellationToken)
    {
        if (!await db.Users.AnyAsync(m => m.Id == memberId, cancellationToken))
            return Refusal.NotFound("This member could not be found.");
        await RecordAsync(memberId, AgeMethod.Moderator, AgeOutcome.ReverificationRequired, null, moderatorId.ToString(), cancellationToken);
        await audit.AppendAsync(new AuditEvent(AuditEvent.Member(moderatorId), "age.require_reverification", AuditEvent.Member(memberId)), cancellationToken);
        return null;
    }

    private static AgeStatusView View(AgeCheck? latest, bool pendingReview) => latest is null
        ? new AgeStatusView(false, null, null, null, null, false, pendingReview)
        : new AgeStatusView(latest.Outcome == AgeOutcome.Verified, latest.Method, latest.Outcome, latest.Assurance,
            latest.DecidedAt, latest.Outcome == AgeOutcome.ReverificationRequired, pendingReview);

    [LoggerMessage(Level = LogLevel.Information, Message = "Age check recorded: {Method} {Outcome}.")]
    private static partial void LogRecorded(ILogger logger, AgeMethod method, AgeOutcome outcome);
}
