using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Haven.Server.Profiles;

namespace Haven.Server.Accounts;

/// <summary>
/// A member's account. Deliberately holds no real name and no date of birth: Haven knows people
/// by pseudonym, and age assurance (later) keeps only the outcome of a check.
/// </summary>
public sealed class Member : IdentityUser<Guid>
{
    public required string Pseudonym { get; set; }

    /// <summary>Upper-case invariant form, for a unique index that ignores case.</summary>
    public required string NormalizedPseudonym { get; set; }

    public string Bio { get; set; } = "";

    /// <summary>ISO 639-1 codes, e.g. "en", "id".</summary>
    public List<string> Languages { get; set; } = [];

    /// <summary>Interests and what the member is looking for, lower-case.</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>"en" or "id": used for notices and statements sent to the member.</summary>
    public string PreferredCulture { get; set; } = "en";

    public DateTimeOffset CreatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<Member>
    {
        public void Configure(EntityTypeBuilder<Member> builder)
        {
            builder.Property(m => m.Pseudonym).HasMaxLength(PseudonymRules.MaxLength);
            builder.Property(m => m.NormalizedPseudonym).HasMaxLength(PseudonymRules.MaxLength);
            builder.HasIndex(m => m.NormalizedPseudonym).IsUnique();
            builder.Property(m => m.Bio).HasMaxLength(ProfileRules.MaxBioLength);
            builder.Property(m => m.PreferredCulture).HasMaxLength(8);
        }
    }
}
