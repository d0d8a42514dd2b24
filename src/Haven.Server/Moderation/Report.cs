using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Moderation;

[JsonConverter(typeof(JsonStringEnumConverter<ReportTarget>))]
public enum ReportTarget
{
    [JsonStringEnumMemberName("message")] Message,
    [JsonStringEnumMemberName("conversation")] Conversation,
    [JsonStringEnumMemberName("profile")] Profile,
}

/// <summary>A member's report. The reporter sees it and its outcome; the subject never sees who reported.</summary>
public sealed class Report
{
    public Guid Id { get; set; }
    public Guid ReporterId { get; set; }
    public Guid SubjectMemberId { get; set; }
    public ReportCategory Category { get; set; }
    public ReportTarget Target { get; set; }
    public long? MessageId { get; set; }
    public Guid? ConversationId { get; set; }
    public string? Details { get; set; }
    public Guid CaseId { get; set; }
    public Guid? EvidenceId { get; set; }
    public bool Blocked { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What the case decided, once it did (the action name); the reporter is told.</summary>
    public ModerationAction? Outcome { get; set; }
    public DateTimeOffset? OutcomeAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Report>
    {
        public void Configure(EntityTypeBuilder<Report> builder)
        {
            builder.Property(r => r.Category).HasConversion<string>().HasMaxLength(32);
            builder.Property(r => r.Target).HasConversion<string>().HasMaxLength(16);
            builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(32);
            builder.Property(r => r.Details).HasMaxLength(ModerationRules.MaxReportDetailsLength);
            builder.HasIndex(r => new { r.ReporterId, r.CreatedAt });
            builder.HasIndex(r => r.CaseId);
            builder.HasOne<ModerationCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
