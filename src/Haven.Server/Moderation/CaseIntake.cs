using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Moderation;

/// <summary>One open case per subject: a new signal joins it (raising its priority) instead of opening another.</summary>
public sealed class CaseIntake(HavenDbContext db, TimeProvider clock) : ICaseIntake
{
    public async Task<Guid> OpenOrJoinAsync(CaseSignal signal, CancellationToken cancellationToken)
    {
        var open = await db.ModerationCases
            .Where(c => c.SubjectMemberId == signal.SubjectMemberId && c.Status == CaseStatus.Open)
            .OrderBy(c => c.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (open is null)
        {
            open = new ModerationCase
            {
                Id = Guid.CreateVersion7(),
                Kind = signal.Kind,
                Priority = signal.Priority,
                Status = CaseStatus.Open,
                SubjectMemberId = signal.SubjectMemberId,
                EvidenceReference = signal.EvidenceReference,
                LegalHold = signal.LegalHold,
                CreatedAt = clock.GetUtcNow(),
            };
            db.ModerationCases.Add(open);
        }
        else
        {
            if (signal.Priority > open.Priority)
                open.Priority = signal.Priority;
            open.LegalHold |= signal.LegalHold;
        }

        await db.SaveChangesAsync(cancellationToken);
        return open.Id;
    }
}
