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
/// The minimal moderation case other features open today. The moderation feature owns it and
/// will add assignment, decisions and the audit trail; the fields here are what a case must
/// carry from the moment it is opened.
/// </summary>
public sealed class ModerationCase
{
    public Guid Id { get; set; }
    public CaseKind Kind { get; set; }
    public CasePriority Priority { get; set; }
    public CaseStatus Status { get; set; }

    /// <summary>The member whose action opened the case.</summary>
    public Guid SubjectMemberId { get; set; }

    /// <summary>Where the preserved evidence is, e.g. <c>media:{id}</c>; never the content itself.</summary>
    public required string EvidenceReference { get; set; }

    /// <summary>Evidence under legal hold is never deleted by retention or account deletion.</summary>
    public bool LegalHold { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the required action is due (the 48-hour NCII takedown), if there is a deadline.</summary>
    public DateTimeOffset? Deadline { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ModerationCase>
    {
        public void Configure(EntityTypeBuilder<ModerationCase> builder)
        {
            builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(48);
            builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
            builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
            builder.Property(c => c.EvidenceReference).HasMaxLength(200);
            builder.HasIndex(c => new { c.Status, c.Priority, c.CreatedAt });
            builder.HasIndex(c => c.SubjectMemberId);
        }
    }
}
