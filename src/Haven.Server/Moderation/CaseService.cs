using Haven.Safety.Policy;
using Haven.Server.Accounts;
using Haven.Server.Audit;
using Haven.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>The moderators' side of a case: the queue, the case view, assignment, notes, decisions and four-eyes approvals.</summary>
public sealed class CaseService(
    HavenDbContext db,
    Enforcement enforcement,
    NoticeService notices,
    EvidenceVault vault,
    UserManager<Member> users,
    IAuditTrail audit,
    TimeProvider clock,
    IOptions<ModerationOptions> options)
{
    private static readonly Refusal CaseNotFound = Refusal.NotFound("This case could not be found.");

    /// <summary>Nobody decides about themselves.</summary>
    internal static readonly Refusal OwnCase = new(StatusCodes.Status403Forbidden, "OwnCase", "This case is about you; another moderator must decide it.");

    /// <summary>Open cases, most severe first; within a severity, the nearest deadline, then the oldest.</summary>
    public async Task<IReadOnlyList<QueueItem>> QueueAsync(bool mineOnly, Guid moderatorId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = db.ModerationCases.AsNoTracking().Where(c => c.Status == CaseStatus.Open);
        if (mineOnly)
            open = open.Where(c => c.AssignedModeratorId == moderatorId);
        var rows = open
            .OrderByDescending(c => c.Priority == CasePriority.Critical ? 4 : c.Priority == CasePriority.High ? 3 : c.Priority == CasePriority.Medium ? 2 : c.Priority == CasePriority.Low ? 1 : 0)
            .ThenBy(c => c.Deadline == null)
            .ThenBy(c => c.Deadline)
            .ThenBy(c => c.CreatedAt)
            .Take(500);
        return await ItemsAsync(rows, now, ct);
    }

    private async Task<IReadOnlyList<QueueItem>> ItemsAsync(IQueryable<ModerationCase> cases, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await cases
            .Select(c => new
            {
                Case = c,
                Pseudonym = db.Users.Where(m => m.Id == c.SubjectMemberId).Select(m => m.Pseudonym).FirstOrDefault(),
                Reports = db.Set<Report>().Count(r => r.CaseId == c.Id),
                Awaiting = db.Set<CaseDecision>().Any(d => d.CaseId == c.Id && d.Status == DecisionStatus.PendingApproval),
            })
            .ToListAsync(ct);
        return rows.Select(r => new QueueItem(r.Case.Id, r.Case.Kind, r.Case.Category, r.Case.Priority, r.Case.SubjectMemberId, r.Pseudonym,
            r.Case.CreatedAt, r.Case.Deadline, SecondsTo(r.Case.Deadline, now), r.Case.AssignedModeratorId, r.Reports, r.Case.LegalHold, r.Awaiting)).ToList();
    }

    /// <summary>Case history for the console: one member's cases, or the latest closed ones, newest first.</summary>
    public async Task<Outcome<IReadOnlyList<QueueItem>>> CasesAsync(Guid? subjectMemberId, string? status, CancellationToken ct)
    {
        if (status is not (null or "" or "open" or "closed"))
            return new Refusal(StatusCodes.Status400BadRequest, "StatusInvalid", "Status is open or closed.");
        var now = clock.GetUtcNow();
        var cases = db.ModerationCases.AsNoTracking();
        if (subjectMemberId is { } subject)
            cases = cases.Where(c => c.SubjectMemberId == subject);
        if (status is "open" or "closed")
            cases = cases.Where(c => c.Status == (status == "open" ? CaseStatus.Open : CaseStatus.Closed));
        return (await ItemsAsync(cases.OrderByDescending(c => c.CreatedAt).Take(200), now, ct)).ToList();
    }

    public async Task<Outcome<CaseView>> CaseAsync(Guid caseId, CancellationToken ct)
    {
        var c = await db.ModerationCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
            return CaseNotFound;
        var now = clock.GetUtcNow();
        var pseudonym = await db.Users.Where(m => m.Id == c.SubjectMemberId).Select(m => m.Pseudonym).FirstOrDefaultAsync(ct);
        var evidence = await db.Set<CaseEvidence>().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.CapturedAt).ThenBy(e => e.Id)
            .Select(e => new EvidenceView(e.Id, e.Kind, e.Reference, e.ConversationId, e.Category, e.Explanation, e.Sha256, e.CapturedAt)).ToListAsync(ct);
        var reports = await db.Set<Report>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.CreatedAt)
            .Select(r => new CaseReportView(r.Id, r.ReporterId, r.Target, r.Category, r.MessageId, r.ConversationId, r.Details, r.Blocked, r.CreatedAt)).ToListAsync(ct);
        var notes = await db.Set<CaseNote>().AsNoTracking().Where(n => n.CaseId == caseId).OrderBy(n => n.CreatedAt)
            .Select(n => new NoteView(n.Id, n.AuthorId, n.Text, n.CreatedAt)).ToListAsync(ct);
        var decisions = await db.Set<CaseDecision>().AsNoTracking().Where(d => d.CaseId == caseId).OrderBy(d => d.CreatedAt).ToListAsync(ct);
        var restrictions = await db.Set<MemberRestriction>().AsNoTracking()
            .Where(r => r.MemberId == c.SubjectMemberId && r.LiftedAt == null && (r.EndsAt == null || r.EndsAt > now))
            .Select(r => new RestrictionView(r.Id, r.Kind, r.DecisionId, r.StartsAt, r.EndsAt)).ToListAsync(ct);
        var strikes = await enforcement.ActiveStrikesAsync(c.SubjectMemberId, ct);
        return new CaseView(c.Id, c.Kind, c.Category, c.Priority, c.Status, c.SubjectMemberId, pseudonym, c.CreatedAt, c.Deadline, SecondsTo(c.Deadline, now),
            c.LegalHold, c.LegalHoldUntil, c.AssignedModeratorId, strikes, restrictions, evidence, reports, notes, decisions.Select(View).ToList());
    }

    /// <summary>The preserved content of one piece of evidence, as the JSON whose digest was recorded.</summary>
    public async Task<Outcome<string>> EvidenceAsync(Guid moderatorId, Guid caseId, Guid evidenceId, CancellationToken ct)
    {
        var evidence = await db.Set<CaseEvidence>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == evidenceId && e.CaseId == caseId, ct);
        if (evidence?.Sealed is null)
            return Refusal.NotFound("This evidence could not be found or has no preserved content.");
        await AuditAsync("moderation.evidence.view", moderatorId, caseId, new() { ["evidence"] = evidenceId.ToString() }, ct);
        return vault.Open(evidence)!;
    }

    public async Task<Refusal?> AssignAsync(Guid moderatorId, Guid caseId, AssignRequest request, CancellationToken ct)
    {
        var c = await db.ModerationCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
            return CaseNotFound;
        var assignee = request.ModeratorId ?? moderatorId;
        if (assignee != moderatorId && !await IsModeratorAsync(assignee))
            return new Refusal(StatusCodes.Status400BadRequest, "NotAModerator", "Cases can only be assigned to moderators.");
        c.AssignedModeratorId = assignee;
        await AuditAsync("moderation.case.assign", moderatorId, caseId, new() { ["assignee"] = assignee.ToString() }, ct);
        return null;
    }

    public async Task<Outcome<NoteView>> AddNoteAsync(Guid moderatorId, Guid caseId, NoteRequest request, CancellationToken ct)
    {
        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > ModerationRules.MaxNoteLength)
            return new Refusal(StatusCodes.Status400BadRequest, "NoteInvalid", $"A note needs text, at most {ModerationRules.MaxNoteLength} characters.");
        if (!await db.ModerationCases.AnyAsync(x => x.Id == caseId, ct))
            return CaseNotFound;
        var note = new CaseNote { Id = Guid.CreateVersion7(), CaseId = caseId, AuthorId = moderatorId, Text = text, CreatedAt = clock.GetUtcNow() };
        db.Set<CaseNote>().Add(note);
        await AuditAsync("moderation.case.note", moderatorId, caseId, new() { ["note"] = note.Id.ToString() }, ct);
        return new NoteView(note.Id, note.AuthorId, note.Text, note.CreatedAt);
    }

    /// <summary>Bans and authority reports wait for a second moderator; everything else applies now.</summary>
    public async Task<Outcome<DecisionView>> DecideAsync(Guid moderatorId, Guid caseId, ActionRequest request, CancellationToken ct)
    {
        if (request.Action is not { } action || !Enum.IsDefined(action))
            return new Refusal(StatusCodes.Status400BadRequest, "ActionInvalid", "Choose an action: dismiss, warn, remove_content, restrict, suspend, ban or authority_report.");
        var facts = request.Facts?.Trim() ?? "";
        if (action != ModerationAction.Dismiss && (request.Rule is not { } rule || !Enum.IsDefined(rule) || facts.Length == 0))
            return new Refusal(StatusCodes.Status400BadRequest, "ReasonsMissing", "Say which rule was broken and the facts: the member will read them.");
        if (facts.Length > ModerationRules.MaxFactsLength)
            return new Refusal(StatusCodes.Status400BadRequest, "FactsTooLong", $"Keep the facts under {ModerationRules.MaxFactsLength} characters.");
        var maxDays = options.Value.MaxSuspendDays;
        if ((action == ModerationAction.Suspend && request.Days is null) || request.Days is < 1 || request.Days > maxDays)
            return new Refusal(StatusCodes.Status400BadRequest, "DaysInvalid", $"A suspension needs a number of days from 1 to {maxDays}.");

        var c = await db.ModerationCases.SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
            return CaseNotFound;
        if (c.SubjectMemberId == moderatorId)
            return OwnCase;
        if (await db.Set<CaseDecision>().AnyAsync(x => x.CaseId == caseId && x.Status == DecisionStatus.PendingApproval && x.Action == action, ct))
            return new Refusal(StatusCodes.Status409Conflict, "AwaitingApproval", "The same decision is already waiting for approval.");

        var decision = new CaseDecision
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            SubjectMemberId = c.SubjectMemberId,
            Action = action,
            Status = DecisionStatus.PendingApproval,
            ModeratorId = moderatorId,
            Rule = request.Rule ?? c.Category ?? ReportCategory.Other,
            Facts = facts,
            SuspendDays = action is ModerationAction.Suspend or ModerationAction.Restrict ? request.Days : null,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<CaseDecision>().Add(decision);
        if (!CaseDecision.NeedsApproval(action))
            await enforcement.ApplyAsync(decision, ct);
        await AuditAsync(CaseDecision.NeedsApproval(action) ? "moderation.decision.propose" : "moderation.decision.apply", moderatorId, caseId, Details(decision), ct);
        enforcement.Publish();
        await notices.PublishAsync();
        return View(decision);
    }

    public async Task<IReadOnlyList<DecisionView>> PendingApprovalsAsync(CancellationToken ct) =>
        (await db.Set<CaseDecision>().AsNoTracking().Where(d => d.Status == DecisionStatus.PendingApproval).OrderBy(d => d.CreatedAt).Take(500).ToListAsync(ct))
            .Select(View).ToList();

    /// <summary>Four eyes: the second moderator approves or rejects; nobody approves their own decision.</summary>
    public async Task<Outcome<DecisionView>> ReviewAsync(Guid moderatorId, Guid decisionId, bool approve, CancellationToken ct)
    {
        var decision = await db.Set<CaseDecision>().SingleOrDefaultAsync(d => d.Id == decisionId, ct);
        if (decision is null)
            return Refusal.NotFound("This decision could not be found.");
        if (decision.Status != DecisionStatus.PendingApproval)
            return new Refusal(StatusCodes.Status409Conflict, "NotAwaitingApproval", "This decision is not waiting for approval.");
        if (decision.ModeratorId == moderatorId)
            return new Refusal(StatusCodes.Status403Forbidden, "OwnDecision", "A second moderator must approve this; you can't approve your own decision.");
        if (decision.SubjectMemberId == moderatorId)
            return OwnCase;

        decision.ApproverId = moderatorId;
        if (approve)
            await enforcement.ApplyAsync(decision, ct);
        else
            decision.Status = DecisionStatus.Rejected;
        await AuditAsync(approve ? "moderation.decision.approve" : "moderation.decision.reject", moderatorId, decision.CaseId, Details(decision), ct);
        enforcement.Publish();
        await notices.PublishAsync();
        return View(decision);
    }

    private async Task<bool> IsModeratorAsync(Guid memberId) =>
        await users.FindByIdAsync(memberId.ToString()) is { } member
        && (await users.IsInRoleAsync(member, Roles.Moderator) || await users.IsInRoleAsync(member, Roles.Admin));

    private static long? SecondsTo(DateTimeOffset? deadline, DateTimeOffset now) =>
        deadline is { } d ? (long)Math.Floor((d - now).TotalSeconds) : null;

    internal static DecisionView View(CaseDecision d) => new(d.Id, d.CaseId, d.SubjectMemberId, d.Action, d.Status, d.ModeratorId, d.Automated,
        d.Rule, d.Facts, d.SuspendDays, d.CreatedAt, d.ApproverId, d.AppliedAt);

    internal static Dictionary<string, string> Details(CaseDecision d) => new()
    {
        ["decision"] = d.Id.ToString(),
        ["action"] = d.Action.ToString(),
        ["member"] = d.SubjectMemberId.ToString(),
    };

    /// <summary>Every moderator action goes on the audit chain, saved together with the action's changes.</summary>
    private Task AuditAsync(string action, Guid moderatorId, Guid caseId, Dictionary<string, string> details, CancellationToken ct) =>
        audit.AppendAsync(new AuditEvent(AuditEvent.Member(moderatorId), action, $"case:{caseId}", details), ct);
}
