using Haven.Server.Audit;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>Appeals: filed by the member within the window, decided by a moderator who took no part in the decision.</summary>
public sealed class AppealService(
    HavenDbContext db,
    Enforcement enforcement,
    NoticeService notices,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<ModerationOptions> options)
{
    private static readonly Refusal AppealNotFound = Refusal.NotFound("This appeal could not be found.");

    public async Task<Outcome<AppealView>> FileAsync(Guid memberId, FileAppealRequest request, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (request.DecisionId is not { } decisionId || string.IsNullOrEmpty(text) || text.Length > ModerationRules.MaxAppealLength)
            return new Refusal(StatusCodes.Status400BadRequest, "AppealInvalid",
                $"Say which decision you are appealing and why, in at most {ModerationRules.MaxAppealLength} characters.");
        var decision = await db.Set<CaseDecision>().SingleOrDefaultAsync(d => d.Id == decisionId && d.SubjectMemberId == memberId
            && d.Action != ModerationAction.Dismiss && d.Action != ModerationAction.AuthorityReport
            && (d.Status == DecisionStatus.Applied || d.Status == DecisionStatus.Reversed), ct);
        if (decision is null)
            return Refusal.NotFound("This decision could not be found.");
        var now = clock.GetUtcNow();
        if (decision.Status != DecisionStatus.Applied || decision.AppliedAt!.Value.AddMonths(options.Value.AppealMonths) < now)
            return new Refusal(StatusCodes.Status409Conflict, "AppealClosed", "This decision can no longer be appealed.");
        if (await db.Set<Appeal>().AnyAsync(a => a.DecisionId == decisionId && a.Status == AppealStatus.Pending, ct))
            return new Refusal(StatusCodes.Status409Conflict, "AppealPending", "Your appeal against this decision is already being looked at.");

        var appeal = new Appeal { Id = Guid.CreateVersion7(), DecisionId = decisionId, MemberId = memberId, Text = text, Status = AppealStatus.Pending, CreatedAt = now };
        db.Set<Appeal>().Add(appeal);
        await notices.AddAsync(memberId, NoticeKind.AppealReceived, t => (t["AppealReceived_Title"], t["AppealReceived_Body"]), ct, decisionId);
        await db.SaveChangesAsync(ct);
        await notices.PublishAsync();
        return View(appeal, decision.Action);
    }

    public async Task<IReadOnlyList<AppealView>> ForMemberAsync(Guid memberId, CancellationToken ct) =>
        (await db.Set<Appeal>().AsNoTracking().Where(a => a.MemberId == memberId).OrderByDescending(a => a.CreatedAt).Take(100)
            .Join(db.Set<CaseDecision>(), a => a.DecisionId, d => d.Id, (a, d) => new { Appeal = a, d.Action }).ToListAsync(ct))
        .Select(x => View(x.Appeal, x.Action)).ToList();

    /// <summary>Pending appeals this moderator may decide: never one against a decision they made or approved.</summary>
    public async Task<IReadOnlyList<ModeratorAppealView>> PendingForAsync(Guid moderatorId, CancellationToken ct) =>
        await db.Set<Appeal>().AsNoTracking().Where(a => a.Status == AppealStatus.Pending)
            .Join(db.Set<CaseDecision>(), a => a.DecisionId, d => d.Id, (a, d) => new { Appeal = a, Decision = d })
            .Where(x => x.Decision.ModeratorId != moderatorId && x.Decision.ApproverId != moderatorId && x.Decision.SubjectMemberId != moderatorId)
            .OrderBy(x => x.Appeal.CreatedAt).Take(500)
            .Select(x => new ModeratorAppealView(x.Appeal.Id, x.Decision.Id, x.Decision.CaseId, x.Appeal.MemberId, x.Decision.Action, x.Appeal.Text, x.Appeal.CreatedAt))
            .ToListAsync(ct);

    public async Task<Outcome<AppealView>> DecideAsync(Guid moderatorId, Guid appealId, AppealDecisionRequest request, CancellationToken ct)
    {
        var reason = request.Reason?.Trim();
        if (request.Outcome is not (AppealStatus.Upheld or AppealStatus.Reversed) || reason?.Length > ModerationRules.MaxFactsLength)
            return new Refusal(StatusCodes.Status400BadRequest, "AppealOutcomeInvalid", "Choose upheld or reversed (and keep the reason short).");
        var appeal = await db.Set<Appeal>().SingleOrDefaultAsync(a => a.Id == appealId, ct);
        if (appeal is null)
            return AppealNotFound;
        if (appeal.Status != AppealStatus.Pending)
            return new Refusal(StatusCodes.Status409Conflict, "AppealDecided", "This appeal has already been decided.");
        var decision = await db.Set<CaseDecision>().SingleAsync(d => d.Id == appeal.DecisionId, ct);
        if (decision.SubjectMemberId == moderatorId)
            return CaseService.OwnCase;
        if (decision.ModeratorId == moderatorId || decision.ApproverId == moderatorId)
            return new Refusal(StatusCodes.Status403Forbidden, "OwnDecision", "A moderator who took no part in the decision must decide this appeal.");

        appeal.Status = request.Outcome.Value;
        appeal.DeciderId = moderatorId;
        appeal.Reason = string.IsNullOrEmpty(reason) ? null : reason;
        appeal.DecidedAt = clock.GetUtcNow();
        if (appeal.Status == AppealStatus.Reversed)
            await enforcement.ReverseAsync(decision, ct);
        await notices.AddAsync(appeal.MemberId, NoticeKind.AppealOutcome, t =>
        {
            var body = t[appeal.Status == AppealStatus.Reversed ? "AppealOutcome_Reversed" : "AppealOutcome_Upheld"];
            if (appeal.Reason is { } why)
                body += "\n\n" + t.Format("AppealOutcome_Reason", why);
            return (t["AppealOutcome_Title"], body);
        }, ct, decision.Id);
        var details = CaseService.Details(decision);
        details["appeal"] = appeal.Id.ToString();
        await audit.AppendAsync(new AuditEvent(AuditEvent.Member(moderatorId),
            appeal.Status == AppealStatus.Reversed ? "moderation.appeal.reverse" : "moderation.appeal.uphold", $"case:{decision.CaseId}", details), ct);
        enforcement.Publish();
        await notices.PublishAsync();
        return View(appeal, decision.Action);
    }

    private static AppealView View(Appeal a, ModerationAction action) =>
        new(a.Id, a.DecisionId, action, a.Status, a.Text, a.Reason, a.CreatedAt, a.DecidedAt);
}
