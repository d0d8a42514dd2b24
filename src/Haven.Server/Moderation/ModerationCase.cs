using Haven.Safety.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Moderation;

/// <summary>What opened a case. Moderation (queue, decisions, audit) extends this list.</summary>
public enum CaseKind
{
    /// <summary>An upload matched an operator-loaded child-safety hash list.</summary>
    ChildSafetyMediaMatch,

    /// <summary>An upload matched a non-consensual intimate imagery list: takedown within 48 hours.</summary>
    NonConsensualImageryMatch,

    /// <summary>The safety engine's policy decided a message needs a moderator (open_case / hold_for_review).</summary>
    AutomatedSignal,

    /// <summary>A member reported a message, conversation or profile.</summary>
    Report,
}

public enum CaseStatus
{
    Open,
    Closed,
}

/// <summary>
/// Everything moderation knows about one subject at a time: the signals and reports that opened or
/// joined it (<see cref="CaseEvidence"/>), notes, decisions and their approvals.
/// </summary>
public sealed class ModerationCase
{
    public Guid Id { get; set; }
    public CaseKind Kind { get; set; }
    public CasePriority Priority { get; set; }
    public CaseStatus Status { get; set; }

    /// <summary>The most severe category any signal or report gave the case, if any did.</summary>
    public ReportCategory? Category { get; set; }

    /// <summary>The member whose action opened the case.</summary>
    public Guid SubjectMemberId { get; set; }

    /// <summary>Where the first preserved evidence is, e.g. <c>media:{id}</c>; never the content itself.</summary>
    public required string EvidenceReference { get; set; }

    /// <summary>Evidence under legal hold is never deleted by retention or account deletion.</summary>
    public bool LegalHold { get; set; }

    /// <summary>Until when held evidence is kept (set when the hold starts).</summary>
    public DateTimeOffset? LegalHoldUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the required action is due (the 48-hour NCII takedown), if there is a deadline.</summary>
    public DateTimeOffset? Deadline { get; set; }

    public Guid? AssignedModeratorId { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ModerationCase>
    {
        public void Configure(EntityTypeBuilder<ModerationCase> builder)
        {
            builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(48);
            builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
            builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            builder.Property(c => c.Category).HasConversion<string>().HasMaxLength(32);
            builder.Property(c => c.EvidenceReference).HasMaxLength(200);
            builder.HasIndex(c => new { c.Status, c.Priority, c.CreatedAt });
            builder.HasIndex(c => c.SubjectMemberId);
        }
    }
}

public enum EvidenceKind
{
    /// <summary>A signal or report: a reference and the detectors' explanation keys, no content.</summary>
    Signal,

    /// <summary>The last messages of a conversation, sealed (encrypted) with a digest of their plaintext.</summary>
    ConversationSnapshot,

    /// <summary>What the account looked like when the case went on legal hold, for an authority report.</summary>
    AccountSnapshot,
}

/// <summary>
/// One piece of evidence in a case. Content (<see cref="Sealed"/>) is the canonical JSON encrypted with
/// the message key bound to this row's id; <see cref="Sha256"/> is over that plaintext JSON, so an
/// exported copy can be checked against what was preserved.
/// </summary>
public sealed class CaseEvidence
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public EvidenceKind Kind { get; set; }
    public required string Reference { get; set; }
    public Guid? ConversationId { get; set; }

    /// <summary>Detector and rule explanation keys (never message text).</summary>
    public string? Explanation { get; set; }

    public ReportCategory? Category { get; set; }
    public byte[]? Sealed { get; set; }
    public string? Sha256 { get; set; }
    public DateTimeOffset CapturedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<CaseEvidence>
    {
        public void Configure(EntityTypeBuilder<CaseEvidence> builder)
        {
            builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
            builder.Property(e => e.Category).HasConversion<string>().HasMaxLength(32);
            builder.Property(e => e.Reference).HasMaxLength(200);
            builder.Property(e => e.Explanation).HasMaxLength(1000);
            builder.Property(e => e.Sha256).HasMaxLength(64);
            builder.HasIndex(e => e.CaseId);
            builder.HasOne<ModerationCase>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

public sealed class CaseNote
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid AuthorId { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<CaseNote>
    {
        public void Configure(EntityTypeBuilder<CaseNote> builder)
        {
            builder.Property(n => n.Text).HasMaxLength(ModerationRules.MaxNoteLength);
            builder.HasIndex(n => n.CaseId);
            builder.HasOne<ModerationCase>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
