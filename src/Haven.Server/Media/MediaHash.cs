using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Media;

public enum HashListKind
{
    /// <summary>Known child sexual abuse material: block, top-priority case, legal hold.</summary>
    ChildSafety,

    /// <summary>Non-consensual intimate imagery (e.g. StopNCII): block and take down within 48 hours.</summary>
    Ncii,
}

/// <summary>One PDQ hash on an operator-loaded list. Only hashes are stored, never the images.</summary>
public sealed class MediaHash
{
    public long Id { get; set; }
    public HashListKind List { get; set; }

    /// <summary>64 lower-case hex digits.</summary>
    public required string Hash { get; set; }

    public string Source { get; set; } = "";
    public DateTimeOffset AddedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MediaHash>
    {
        public void Configure(EntityTypeBuilder<MediaHash> builder)
        {
            builder.Property(h => h.List).HasConversion<string>().HasMaxLength(16);
            builder.Property(h => h.Hash).HasMaxLength(64).IsFixedLength();
            builder.Property(h => h.Source).HasMaxLength(100);
            builder.HasIndex(h => new { h.List, h.Hash }).IsUnique();
        }
    }
}
