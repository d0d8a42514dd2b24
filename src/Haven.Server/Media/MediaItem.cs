using Haven.Server.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Media;

public enum MediaState
{
    Delivered,

    /// <summary>Matched a hash list on upload: never shown, kept encrypted as evidence for the case.</summary>
    Blocked,

    /// <summary>Delivered, later matched a newly loaded list: hidden from both members.</summary>
    TakenDown,
}

/// <summary>
/// An image sent in a conversation. Only the re-encoded image is kept (the upload's metadata and
/// trailing bytes are gone), encrypted at rest with the conversation bound as associated data.
/// </summary>
public sealed class MediaItem
{
    public Guid Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid SenderId { get; set; }
    public MediaState State { get; set; }
    public DateTimeOffset SentAt { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }

    /// <summary>The re-encoded JPEG, encrypted (see <see cref="MediaCipher"/>).</summary>
    public required byte[] Body { get; set; }

    /// <summary>A tiny, already blurred JPEG shown until the recipient taps to reveal, encrypted.</summary>
    public required byte[] Preview { get; set; }

    /// <summary>PDQ hash (64 hex digits) and quality, for hash-list matching now and later.</summary>
    public required string Pdq { get; set; }

    public int PdqQuality { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MediaItem>
    {
        public void Configure(EntityTypeBuilder<MediaItem> builder)
        {
            builder.Property(m => m.State).HasConversion<string>().HasMaxLength(16);
            builder.Property(m => m.Pdq).HasMaxLength(64).IsFixedLength();
            builder.HasIndex(m => new { m.ConversationId, m.SentAt });
            builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
