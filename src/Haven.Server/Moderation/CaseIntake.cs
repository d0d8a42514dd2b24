using Haven.Server.Audit;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>
/// One open case per subject: a new signal joins it (raising its priority, adding its evidence row with the
/// detectors' explanation) instead of opening another. The first signal that needs a legal hold starts it
/// and preserves the account as it is then.
/// </summary>
public sealed class CaseIntake(HavenDbContext db, TimeProvider clock, EvidenceVault vault, IAuditTrail audit, IOptions<ModerationOptions> options) : ICaseIntake
{
    public async Task<Guid> OpenOrJoinAsync(CaseSignal signal, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var category = signal.Category ?? ModerationRules.CategoryOf(signal.Kind);
        var priority = signal.Priority;
        if (category is { } c && ModerationRules.PriorityOf(c) > priority)
            priority = ModerationRules.PriorityOf(c);
        var hold = signal.LegalHold || (category is { } held && ModerationRules.NeedsLegalHold(held));
        var deadline = category is { } d && ModerationRules.DeadlineOf(d) is { } window ? now + window : (DateTimeOffset?)null;

        var open = await db.ModerationCases
            .Where(x => x.SubjectMemberId == signal.SubjectMemberId && x.Status == CaseStatus.Open)
            .OrderBy(x => x.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var wasHeld = open?.LegalHold ?? false;
        if (open is null)
        {
            open = new ModerationCase
            {
                Id = Guid.CreateVersion7(),
                Kind = signal.Kind,
                Priority = priority,
                Category = category,
                Status = CaseStatus.Open,
                SubjectMemberId = signal.SubjectMemberId,
                EvidenceReference = signal.EvidenceReference,
                CreatedAt = now,
                Deadline = deadline,
            };
            db.ModerationCases.Add(open);
        }
        else
        {
            if (priority > open.Priority || open.Category is null)
            {
                open.Priority = priority > open.Priority ? priority : open.Priority;
                open.Category = category ?? open.Category;
            }

            if (deadline is { } due && (open.Deadline is null || due < open.Deadline))
                open.Deadline = due;
        }

        db.Set<CaseEvidence>().Add(new CaseEvidence
        {
            Id = Guid.CreateVersion7(),
            CaseId = open.Id,
            Kind = EvidenceKind.Signal,
            Reference = signal.EvidenceReference,
            ConversationId = signal.ConversationId,
            Explanation = signal.Explanation,
            Category = category,
            CapturedAt = now,
        });

        if (hold && !wasHeld)
        {
            open.LegalHold = true;
            open.LegalHoldUntil = now.AddDays(options.Value.LegalHoldDays);
            await vault.SnapshotAccountAsync(open.Id, signal.SubjectMemberId, cancellationToken);
            await audit.AppendAsync(new AuditEvent(AuditEvent.System("moderation"), "moderation.legal_hold.start", $"case:{open.Id}",
                new Dictionary<string, string> { ["member"] = signal.SubjectMemberId.ToString(), ["until"] = open.LegalHoldUntil.Value.ToString("O") }), cancellationToken);
        }
        else
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        return open.Id;
    }
}
