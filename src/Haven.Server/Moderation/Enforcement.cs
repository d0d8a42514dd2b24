using Haven.Server.Audit;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>
/// Carries out a decision: restrictions, strikes, content removal, the statement of reasons to the member
/// and the outcome to the reporters; and undoes one when an appeal reverses it.
/// </summary>
public sealed class Enforcement(HavenDbContext db, NoticeService notices, IAuditTrail audit, FactCache facts, TimeProvider clock, IOptions<ModerationOptions> options)
{
    private readonly HashSet<Guid> _restrictionsChanged = [];

    /// <summary>Applies an approved (or approval-free) decision; the caller saves.</summary>
    public async Task ApplyAsync(CaseDecision decision, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        decision.Status = DecisionStatus.Applied;
        decision.AppliedAt = now;
        var @case = await db.ModerationCases.SingleAsync(c => c.Id == decision.CaseId, ct);

        if (decision.Action == ModerationAction.AuthorityReport)
        {
            // Reporting to authorities must not tip off the suspect: no notice, and the evidence stays on hold.
            if (!@case.LegalHold)
            {
                @case.LegalHold = true;
                @case.LegalHoldUntil = now.AddDays(options.Value.LegalHoldDays);
            }

            return;
        }

        if (decision.Action != ModerationAction.Dismiss)
        {
            switch (decision.Action)
            {
                case ModerationAction.Restrict:
                    Restrict(decision, RestrictionKind.NoNewConversations, decision.SuspendDays is { } days ? now.AddDays(days) : null, now);
                    break;
                case ModerationAction.Suspend:
                    Restrict(decision, RestrictionKind.Suspended, now.AddDays(decision.SuspendDays ?? 1), now);
                    break;
                case ModerationAction.Ban:
                    Restrict(decision, RestrictionKind.Banned, null, now);
                    break;
                case ModerationAction.RemoveContent:
                    await RemoveReportedMessagesAsync(decision, ct);
                    break;
            }

            db.Set<Strike>().Add(new Strike
            {
                Id = Guid.CreateVersion7(),
                MemberId = decision.SubjectMemberId,
                DecisionId = decision.Id,
                CreatedAt = now,
                ExpiresAt = now.AddDays(options.Value.StrikeDays),
            });
            await SendStatementAsync(decision, now, ct);
        }

        @case.Status = CaseStatus.Closed;
        @case.ClosedAt = now;
        var reports = await db.Set<Report>().Where(r => r.CaseId == @case.Id && r.Outcome == null).ToListAsync(ct);
        foreach (var report in reports)
        {
            report.Outcome = decision.Action;
            report.OutcomeAt = now;
            await notices.AddAsync(report.ReporterId, NoticeKind.ReportOutcome, t => (t["ReportOutcome_Title"],
                t[decision.Action == ModerationAction.Dismiss ? "ReportOutcome_NoAction" : "ReportOutcome_Action"]), ct);
        }
    }

    /// <summary>
    /// An automated enforcement (the safety engine's policy) decides on a case without a moderator. Bans and
    /// authority reports always need two moderators, so they cannot be automated.
    /// </summary>
    public async Task<Outcome<DecisionView>> DecideAutomaticallyAsync(Guid caseId, ModerationAction action, ReportCategory rule, string facts, int? days, CancellationToken ct)
    {
        if (CaseDecision.NeedsApproval(action) || action == ModerationAction.Dismiss || (action == ModerationAction.Suspend && days is not > 0))
            return new Refusal(StatusCodes.Status400BadRequest, "NotAutomatable", "This action cannot be taken automatically.");
        var c = await db.ModerationCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
            return Refusal.NotFound("This case could not be found.");
        var decision = new CaseDecision
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            SubjectMemberId = c.SubjectMemberId,
            Action = action,
            Automated = true,
            Rule = rule,
            Facts = facts.Length > ModerationRules.MaxFactsLength ? facts[..ModerationRules.MaxFactsLength] : facts,
            SuspendDays = action is ModerationAction.Suspend or ModerationAction.Restrict ? days : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<CaseDecision>().Add(decision);
        await ApplyAsync(decision, ct);
        await audit.AppendAsync(new AuditEvent(AuditEvent.System("safety"), "moderation.decision.apply", $"case:{caseId}",
            new Dictionary<string, string> { ["decision"] = decision.Id.ToString(), ["action"] = action.ToString(), ["member"] = c.SubjectMemberId.ToString(), ["automated"] = "true" }), ct);
        Publish();
        await notices.PublishAsync();
        return CaseService.View(decision);
    }

    /// <summary>An appeal reversed the decision: lift what it imposed (the caller saves).</summary>
    public async Task ReverseAsync(CaseDecision decision, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        decision.Status = DecisionStatus.Reversed;
        _restrictionsChanged.Add(decision.SubjectMemberId);
        foreach (var restriction in await db.Set<MemberRestriction>().Where(r => r.DecisionId == decision.Id && r.LiftedAt == null).ToListAsync(ct))
            restriction.LiftedAt = now;
        foreach (var strike in await db.Set<Strike>().Where(s => s.DecisionId == decision.Id && s.LiftedAt == null).ToListAsync(ct))
            strike.LiftedAt = now;
    }

    public Task<int> ActiveStrikesAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return db.Set<Strike>().CountAsync(s => s.MemberId == memberId && s.LiftedAt == null && s.ExpiresAt > now, ct);
    }

    /// <summary>
    /// After the decision is committed: every node forgets the restrictions it cached for the members concerned.
    /// Not at save time, which can be inside a transaction: another node could reload the old rows before the commit.
    /// </summary>
    public void Publish()
    {
        foreach (var memberId in _restrictionsChanged)
            facts.Evict(RestrictionGates.Key(memberId));
        _restrictionsChanged.Clear();
    }

    private void Restrict(CaseDecision decision, RestrictionKind kind, DateTimeOffset? endsAt, DateTimeOffset now)
    {
        _restrictionsChanged.Add(decision.SubjectMemberId);
        db.Set<MemberRestriction>().Add(new MemberRestriction
        {
            Id = Guid.CreateVersion7(),
            MemberId = decision.SubjectMemberId,
            Kind = kind,
            DecisionId = decision.Id,
            StartsAt = now,
            EndsAt = endsAt,
        });
    }

    /// <summary>The reported messages are deleted; the preserved evidence keeps a sealed copy.</summary>
    private async Task RemoveReportedMessagesAsync(CaseDecision decision, CancellationToken ct)
    {
        var ids = await db.Set<Report>().Where(r => r.CaseId == decision.CaseId && r.MessageId != null).Select(r => r.MessageId!.Value).ToListAsync(ct);
        if (ids.Count > 0)
            await db.Messages.Where(m => ids.Contains(m.Id) && m.SenderId == decision.SubjectMemberId).ExecuteDeleteAsync(ct);
    }

    private async Task SendStatementAsync(CaseDecision decision, DateTimeOffset now, CancellationToken ct)
    {
        var appealUntil = now.AddMonths(options.Value.AppealMonths);
        var endsAt = decision.Action switch
        {
            ModerationAction.Suspend => now.AddDays(decision.SuspendDays ?? 1),
            ModerationAction.Restrict when decision.SuspendDays is { } days => now.AddDays(days),
            _ => (DateTimeOffset?)null,
        };
        await notices.AddAsync(decision.SubjectMemberId, NoticeKind.StatementOfReasons, t =>
        {
            var what = t["Sor_" + decision.Action];
            if (endsAt is { } until)
                what += " " + t.Format("Sor_Until", t.Date(until));
            var body = string.Join("\n\n",
                what,
                t.Format("Sor_Rule", t.Rule(decision.Rule)),
                t.Format("Sor_Facts", decision.Facts),
                t[decision.Automated ? "Sor_Automated" : "Sor_Human"],
                t.Format("Sor_Appeal", t.Date(appealUntil)));
            return (t["Sor_Title"], body);
        }, ct, decision.Id, appealUntil);
    }
}
