using Haven.Safety.Policy;

namespace Haven.Server.Moderation;

/// <summary>
/// Something moderation should look at: an automated safety decision or a member's report about a subject.
/// <paramref name="EvidenceReference"/> points at preserved evidence (e.g. <c>message:{id}</c>), never the content.
/// <paramref name="Explanation"/> is the detectors' and rules' explanation keys, never message text.
/// <paramref name="Category"/>, when known, raises the priority, sets the 48-hour takedown deadline for intimate
/// images and puts cases about minors or trafficking on legal hold (see <see cref="ModerationRules"/>).
/// </summary>
public sealed record CaseSignal(
    Guid SubjectMemberId,
    CaseKind Kind,
    CasePriority Priority,
    string EvidenceReference,
    Guid? ConversationId = null,
    string? Explanation = null,
    bool LegalHold = false,
    ReportCategory? Category = null);

/// <summary>The one way features hand work to moderation: opens a case for the subject or joins their open one.</summary>
public interface ICaseIntake
{
    /// <returns>The id of the case the signal opened or joined.</returns>
    Task<Guid> OpenOrJoinAsync(CaseSignal signal, CancellationToken cancellationToken);
}
