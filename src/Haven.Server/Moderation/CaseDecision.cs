using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Moderation;

[JsonConverter(typeof(JsonStringEnumConverter<ModerationAction>))]
public enum ModerationAction
{
    [JsonStringEnumMemberName("dismiss")] Dismiss,
    [JsonStringEnumMemberName("warn")] Warn,
    [JsonStringEnumMemberName("remove_content")] RemoveContent,
    [JsonStringEnumMemberName("restrict")] Restrict,
    [JsonStringEnumMemberName("suspend")] Suspend,
    [JsonStringEnumMemberName("ban")] Ban,
    [JsonStringEnumMemberName("authority_report")] AuthorityReport,
}

[JsonConverter(typeof(JsonStringEnumConverter<DecisionStatus>))]
public enum DecisionStatus
{
    [JsonStringEnumMemberName("pending_approval")] PendingApproval,
    [JsonStringEnumMemberName("applied")] Applied,
    [JsonStringEnumMemberName("rejected")] Rejected,
    [JsonStringEnumMemberName("reversed")] Reversed,
}

/// <summary>
/// A decision on a case. Bans and authority reports wait in <see cref="DecisionStatus.PendingApproval"/>
/// until a second moderator approves them (four eyes); the rest apply at once.
/// </summary>
public sealed class CaseDecision
{
    public Guid Id { get; set; }
    public Guid CaseId { get; set; }
    public Guid SubjectMemberId { get; set; }
    public ModerationAction Action { get; set; }
    public DecisionStatus Status { get; set; }

    /// <summary>The moderator who decided; null when an automated enforcement decided.</summary>
    public Guid? ModeratorId { get; set; }
    public bool Automated { get; set; }

    /// <summary>The community rule broken: one per category.</summary>
    public ReportCategory Rule { get; set; }

    /// <summary>The facts the decision rests on, as the member will read them.</summary>
    public required string Facts { get; set; }

    public int? SuspendDays { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? ApproverId { get; set; }
    public DateTimeOffset? AppliedAt { get; set; }

    public static bool NeedsApproval(ModerationAction action) => action is ModerationAction.Ban or ModerationAction.AuthorityReport;

    internal sealed class Configuration : IEntityTypeConfiguration<CaseDecision>
    {
        public void Configure(EntityTypeBuilder<CaseDecision> builder)
        {
            builder.Property(d => d.Action).HasConversion<string>().HasMaxLength(32);
            builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(32);
            builder.Property(d => d.Rule).HasConversion<string>().HasMaxLength(32);
            builder.Property(d => d.Facts).HasMaxLength(ModerationRules.MaxFactsLength);
            builder.HasIndex(d => d.CaseId);
            builder.HasIndex(d => new { d.Status, d.CreatedAt });
            builder.HasOne<ModerationCase>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<RestrictionKind>))]
public enum RestrictionKind
{
    /// <summary>May not start new conversations (send contact requests).</summary>
    [JsonStringEnumMemberName("no_new_conversations")] NoNewConversations,
    [JsonStringEnumMemberName("suspended")] Suspended,
    [JsonStringEnumMemberName("banned")] Banned,
}

/// <summary>A restriction on a member from a decision; lifted when it ends or an appeal reverses the decision.</summary>
public sealed class MemberRestriction
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public RestrictionKind Kind { get; set; }
    public Guid DecisionId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset? EndsAt { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MemberRestriction>
    {
        public void Configure(EntityTypeBuilder<MemberRestriction> builder)
        {
            builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
            builder.HasIndex(r => new { r.MemberId, r.Kind });
            builder.HasIndex(r => r.DecisionId);
        }
    }
}

/// <summary>A strike against a member; it counts until it expires or the decision is reversed.</summary>
public sealed class Strike
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public Guid DecisionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LiftedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Strike>
    {
        public void Configure(EntityTypeBuilder<Strike> builder)
        {
            builder.HasIndex(s => s.MemberId);
            builder.HasIndex(s => s.DecisionId);
        }
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<AppealStatus>))]
public enum AppealStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("upheld")] Upheld,
    [JsonStringEnumMemberName("reversed")] Reversed,
}

/// <summary>A member's appeal against a decision; decided by a moderator who took no part in it.</summary>
public sealed class Appeal
{
    public Guid Id { get; set; }
    public Guid DecisionId { get; set; }
    public Guid MemberId { get; set; }
    public required string Text { get; set; }
    public AppealStatus Status { get; set; }
    public Guid? DeciderId { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Appeal>
    {
        public void Configure(EntityTypeBuilder<Appeal> builder)
        {
            builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
            builder.Property(a => a.Text).HasMaxLength(ModerationRules.MaxAppealLength);
            builder.Property(a => a.Reason).HasMaxLength(ModerationRules.MaxFactsLength);
            builder.HasIndex(a => a.DecisionId);
            builder.HasIndex(a => a.MemberId);
            builder.HasOne<CaseDecision>().WithMany().HasForeignKey(a => a.DecisionId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<NoticeKind>))]
public enum NoticeKind
{
    [JsonStringEnumMemberName("report_received")] ReportReceived,
    [JsonStringEnumMemberName("report_outcome")] ReportOutcome,
    [JsonStringEnumMemberName("statement_of_reasons")] StatementOfReasons,
    [JsonStringEnumMemberName("appeal_received")] AppealReceived,
    [JsonStringEnumMemberName("appeal_outcome")] AppealOutcome,
}

/// <summary>A notice to a member, rendered once in their language when it is sent (what they were told stays fixed).</summary>
public sealed class MemberNotice
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public NoticeKind Kind { get; set; }
    public required string Culture { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }

    /// <summary>For a statement of reasons: the decision the member may appeal, and until when.</summary>
    public Guid? DecisionId { get; set; }
    public DateTimeOffset? AppealUntil { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MemberNotice>
    {
        public void Configure(EntityTypeBuilder<MemberNotice> builder)
        {
            builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
            builder.Property(n => n.Culture).HasMaxLength(8);
            builder.Property(n => n.Title).HasMaxLength(200);
            builder.Property(n => n.Body).HasMaxLength(8000);
            builder.HasIndex(n => new { n.MemberId, n.CreatedAt });
        }
    }
}
