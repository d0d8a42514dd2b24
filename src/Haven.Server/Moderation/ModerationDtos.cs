using Haven.Safety.Policy;

namespace Haven.Server.Moderation;

/// <summary>
/// A report. <paramref name="MessageId"/> for a message, <paramref name="ConversationId"/> for a conversation,
/// <paramref name="MemberId"/> for a profile. <paramref name="Block"/> blocks the reported member in the same step.
/// </summary>
public sealed record FileReportRequest(ReportTarget? Target, ReportCategory? Category, long? MessageId, Guid? ConversationId, Guid? MemberId, string? Details, bool Block = false);

/// <summary>What the reporter sees: no case internals, only that it was received and, later, the outcome.</summary>
public sealed record ReportView(Guid Id, ReportTarget Target, ReportCategory Category, DateTimeOffset CreatedAt, bool Blocked, string? EvidenceDigest, ModerationAction? Outcome, DateTimeOffset? OutcomeAt);

public sealed record NoticeView(Guid Id, NoticeKind Kind, string Title, string Body, Guid? DecisionId, DateTimeOffset? AppealUntil, DateTimeOffset CreatedAt, bool Read);

public sealed record FileAppealRequest(Guid? DecisionId, string? Text);

public sealed record AppealView(Guid Id, Guid DecisionId, ModerationAction Action, AppealStatus Status, string Text, string? Reason, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt);

public sealed record QueueItem(
    Guid CaseId, CaseKind Kind, ReportCategory? Category, CasePriority Priority, Guid SubjectMemberId, string? SubjectPseudonym,
    DateTimeOffset CreatedAt, DateTimeOffset? Deadline, long? SecondsToDeadline, Guid? AssignedModeratorId, int Reports, bool LegalHold, bool AwaitingApproval);

public sealed record EvidenceView(Guid Id, EvidenceKind Kind, string Reference, Guid? ConversationId, ReportCategory? Category, string? Explanation, string? Sha256, DateTimeOffset CapturedAt);

public sealed record NoteView(Guid Id, Guid AuthorId, string Text, DateTimeOffset CreatedAt);

public sealed record DecisionView(Guid Id, Guid CaseId, Guid SubjectMemberId, ModerationAction Action, DecisionStatus Status, Guid? ModeratorId, bool Automated,
    ReportCategory Rule, string Facts, int? SuspendDays, DateTimeOffset CreatedAt, Guid? ApproverId, DateTimeOffset? AppliedAt);

public sealed record CaseReportView(Guid Id, Guid ReporterId, ReportTarget Target, ReportCategory Category, long? MessageId, Guid? ConversationId, string? Details, bool Blocked, DateTimeOffset CreatedAt);

public sealed record RestrictionView(Guid Id, RestrictionKind Kind, Guid DecisionId, DateTimeOffset StartsAt, DateTimeOffset? EndsAt);

public sealed record CaseView(
    Guid Id, CaseKind Kind, ReportCategory? Category, CasePriority Priority, CaseStatus Status, Guid SubjectMemberId, string? SubjectPseudonym,
    DateTimeOffset CreatedAt, DateTimeOffset? Deadline, long? SecondsToDeadline, bool LegalHold, DateTimeOffset? LegalHoldUntil, Guid? AssignedModeratorId,
    int ActiveStrikes, IReadOnlyList<RestrictionView> ActiveRestrictions, IReadOnlyList<EvidenceView> Evidence, IReadOnlyList<CaseReportView> Reports,
    IReadOnlyList<NoteView> Notes, IReadOnlyList<DecisionView> Decisions);

/// <summary><paramref name="ModeratorId"/>: who takes the case; empty means the caller.</summary>
public sealed record AssignRequest(Guid? ModeratorId);

public sealed record NoteRequest(string? Text);

/// <summary><paramref name="Days"/> is required for a suspension and optional for a restriction.</summary>
public sealed record ActionRequest(ModerationAction? Action, ReportCategory? Rule, string? Facts, int? Days);

public sealed record AppealDecisionRequest(AppealStatus? Outcome, string? Reason);

public sealed record ModeratorAppealView(Guid Id, Guid DecisionId, Guid CaseId, Guid MemberId, ModerationAction Action, string Text, DateTimeOffset CreatedAt);
