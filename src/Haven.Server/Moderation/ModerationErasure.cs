using Haven.Server.Accounts;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Moderation;

/// <summary>
/// On account deletion: the member's notices, appeals, restrictions and strikes go, and so do cases about
/// them, except cases on legal hold, whose sealed evidence is kept for the authorities until the hold ends.
/// </summary>
internal sealed class ModerationErasure(HavenDbContext db, FactCache facts) : IAccountErasure
{
    public async Task EraseAsync(Guid memberId, CancellationToken cancellationToken)
    {
        await db.Set<MemberNotice>().Where(n => n.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Appeal>().Where(a => a.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<MemberRestriction>().Where(r => r.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        facts.Evict(RestrictionGates.Key(memberId));
        await db.Set<Strike>().Where(s => s.MemberId == memberId).ExecuteDeleteAsync(cancellationToken);
        await db.Set<Report>().Where(r => r.ReporterId == memberId && r.Details != null
                && !db.ModerationCases.Any(c => c.Id == r.CaseId && c.LegalHold))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Details, (string?)null), cancellationToken);
        await db.ModerationCases.Where(c => c.SubjectMemberId == memberId && !c.LegalHold).ExecuteDeleteAsync(cancellationToken);
    }
}
