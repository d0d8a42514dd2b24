using System.Linq.Expressions;
using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Wellbeing;

public enum PauseKind
{
    TimeOut,
    SelfExclusion,
}

/// <summary>A time-out or self-exclusion. Neither can be shortened once started.</summary>
public sealed class WellbeingPause
{
    /// <summary>After a self-exclusion ends, the member asks to come back and waits this long.</summary>
    public static readonly TimeSpan ReturnWait = TimeSpan.FromHours(24);

    public Guid Id { get; set; }

    public Guid MemberId { get; set; }

    public PauseKind Kind { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Self-exclusion only: when the member asked to come back (possible once <see cref="EndsAt"/> passed).</summary>
    public DateTimeOffset? ReturnRequestedAt { get; set; }

    /// <summary>
    /// Still keeping the member out at <paramref name="now"/>: before its end, or for a self-exclusion
    /// until a return was asked for and the wait after it has passed.
    /// </summary>
    public static Expression<Func<WellbeingPause, bool>> ActiveAt(DateTimeOffset now)
    {
        var returnCutoff = now - ReturnWait;
        return p => p.EndsAt > now
            || (p.Kind == PauseKind.SelfExclusion && (p.ReturnRequestedAt == null || p.ReturnRequestedAt > returnCutoff));
    }

    public bool IsActiveAt(DateTimeOffset now) =>
        EndsAt > now || (Kind == PauseKind.SelfExclusion && (ReturnRequestedAt is null || ReturnRequestedAt > now - ReturnWait));

    internal sealed class Configuration : IEntityTypeConfiguration<WellbeingPause>
    {
        public void Configure(EntityTypeBuilder<WellbeingPause> builder)
        {
            builder.ToTable("WellbeingPauses");
            builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
            builder.HasIndex(p => new { p.MemberId, p.EndsAt });
            builder.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
