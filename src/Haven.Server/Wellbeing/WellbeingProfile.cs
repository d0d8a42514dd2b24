using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Wellbeing;

/// <summary>A member's wellbeing choices. Absent until the member changes something: defaults apply.</summary>
public sealed class WellbeingProfile
{
    public Guid MemberId { get; set; }

    /// <summary>IANA time zone id; days, weeks and night hours are the member's own.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Minutes of continuous use between reality checks; null when the member has none.</summary>
    public int? RealityCheckMinutes { get; set; }

    public bool NudgesEnabled { get; set; } = true;

    /// <summary>The accountability partner, who sees weekly summaries of limits kept and nothing else.</summary>
    public Guid? PartnerId { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<WellbeingProfile>
    {
        public void Configure(EntityTypeBuilder<WellbeingProfile> builder)
        {
            builder.ToTable("WellbeingProfiles");
            builder.HasKey(p => p.MemberId);
            builder.Property(p => p.TimeZone).HasMaxLength(64);
            builder.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<Member>().WithMany().HasForeignKey(p => p.PartnerId).OnDelete(DeleteBehavior.SetNull);
        }
    }
}
