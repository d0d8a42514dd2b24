using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Wellbeing;

public enum LimitKind
{
    DailyMinutes,
    WeeklyMinutes,
    DailySpend,
    WeeklySpend,
    MonthlySpend,
}

/// <summary>
/// One self-set limit. A stricter value applies at once; a looser one (or removal) waits in
/// <see cref="PendingValue"/> until <see cref="PendingFrom"/> and then needs the member's confirmation.
/// </summary>
public sealed class WellbeingLimit
{
    public Guid MemberId { get; set; }

    public LimitKind Kind { get; set; }

    /// <summary>Minutes for time limits, credits for spending limits; null means no limit.</summary>
    public long? Value { get; set; }

    public bool HasPending { get; set; }

    /// <summary>The requested looser value; null with <see cref="HasPending"/> means "remove the limit".</summary>
    public long? PendingValue { get; set; }

    /// <summary>The end of the cooling-off: the earliest moment the member can confirm the change.</summary>
    public DateTimeOffset? PendingFrom { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<WellbeingLimit>
    {
        public void Configure(EntityTypeBuilder<WellbeingLimit> builder)
        {
            builder.ToTable("WellbeingLimits");
            builder.HasKey(l => new { l.MemberId, l.Kind });
            builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(16);
            builder.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
