using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Wellbeing;

/// <summary>A stretch of continuous activity; see <see cref="UsageRecorder"/> for how it is measured.</summary>
public sealed class UsageSession
{
    public long Id { get; set; }

    public Guid MemberId { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastSeenAt { get; set; }

    public TimeSpan Length => LastSeenAt - StartedAt;

    internal sealed class Configuration : IEntityTypeConfiguration<UsageSession>
    {
        public void Configure(EntityTypeBuilder<UsageSession> builder)
        {
            builder.ToTable("UsageSessions");
            builder.Ignore(s => s.Length);
            builder.HasIndex(s => new { s.MemberId, s.LastSeenAt });
            builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>Credits a member spent (recorded by payments through <see cref="SpendingService"/>). No item, no recipient.</summary>
public sealed class SpendingRecord
{
    public long Id { get; set; }

    public Guid MemberId { get; set; }

    public long Credits { get; set; }

    public DateTimeOffset At { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<SpendingRecord>
    {
        public void Configure(EntityTypeBuilder<SpendingRecord> builder)
        {
            builder.ToTable("SpendingRecords");
            builder.HasIndex(s => new { s.MemberId, s.At });
            builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>A day on which the member reached one of their limits (at most one row per kind and local day).</summary>
public sealed class LimitHit
{
    public long Id { get; set; }

    public Guid MemberId { get; set; }

    public LimitKind Kind { get; set; }

    public DateOnly LocalDate { get; set; }

    public DateTimeOffset At { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<LimitHit>
    {
        public void Configure(EntityTypeBuilder<LimitHit> builder)
        {
            builder.ToTable("LimitHits");
            builder.Property(h => h.Kind).HasConversion<string>().HasMaxLength(16);
            builder.HasIndex(h => new { h.MemberId, h.Kind, h.LocalDate }).IsUnique();
            builder.HasOne<Member>().WithMany().HasForeignKey(h => h.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

public enum NudgeRule
{
    LimitHits,
    NightUse,
    LongSession,
    Escalation,
}

/// <summary>A gentle message offered to the member because of a pattern; never a judgement.</summary>
public sealed class Nudge
{
    public long Id { get; set; }

    public Guid MemberId { get; set; }

    public NudgeRule Rule { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DismissedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Nudge>
    {
        public void Configure(EntityTypeBuilder<Nudge> builder)
        {
            builder.ToTable("Nudges");
            builder.Property(n => n.Rule).HasConversion<string>().HasMaxLength(16);
            builder.HasIndex(n => new { n.MemberId, n.CreatedAt });
            builder.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>A self-check score. Only the total is kept, never the answers; only the member sees it.</summary>
public sealed class SelfCheckResult
{
    public long Id { get; set; }

    public Guid MemberId { get; set; }

    public SelfCheckKind Kind { get; set; }

    public int Score { get; set; }

    public DateTimeOffset TakenAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<SelfCheckResult>
    {
        public void Configure(EntityTypeBuilder<SelfCheckResult> builder)
        {
            builder.ToTable("SelfCheckResults");
            builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
            builder.HasIndex(r => new { r.MemberId, r.TakenAt });
            builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>What an accountability partner receives each week: counts about limits kept, never content.</summary>
public sealed class PartnerSummary
{
    public long Id { get; set; }

    public Guid MemberId { get; set; }

    public Guid PartnerId { get; set; }

    /// <summary>Monday of the summarised week, in the member's time zone.</summary>
    public DateOnly WeekStart { get; set; }

    public int LimitsSet { get; set; }

    public int DaysWithinLimits { get; set; }

    public int LimitHits { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<PartnerSummary>
    {
        public void Configure(EntityTypeBuilder<PartnerSummary> builder)
        {
            builder.ToTable("PartnerSummaries");
            builder.HasIndex(s => new { s.MemberId, s.PartnerId, s.WeekStart }).IsUnique();
            builder.HasIndex(s => s.PartnerId);
            builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<Member>().WithMany().HasForeignKey(s => s.PartnerId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
