using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Chat;

/// <summary>A stored chat message. The body is only ever stored encrypted (see <see cref="MessageCipher"/>).</summary>
public sealed class Message
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid SenderId { get; set; }

    /// <summary>Chosen by the sender's client; a resend with the same id is the same message.</summary>
    public Guid ClientMessageId { get; set; }

    public required byte[] Body { get; set; }
    public DateTimeOffset SentAt { get; set; }

    /// <summary>A gate let it through on the sender's "send anyway": recipients see it blurred.</summary>
    public bool Blurred { get; set; }

    /// <summary>Whether recipients may see it: safety can hold a message for review (see MessageSafety).</summary>
    public MessageDelivery Delivery { get; set; }

    /// <summary>Comma-separated safety tip keys for recipients ("money,link"); null for most messages.</summary>
    public string? Tips { get; set; }

    public IReadOnlyList<string> TipList => Tips is null ? [] : Tips.Split(',');

    internal sealed class Configuration : IEntityTypeConfiguration<Message>
    {
        public void Configure(EntityTypeBuilder<Message> builder)
        {
            builder.HasIndex(m => new { m.SenderId, m.ClientMessageId }).IsUnique();
            builder.Property(m => m.Delivery).HasConversion<string>().HasMaxLength(16);
            builder.Property(m => m.Tips).HasMaxLength(100);
            builder.Ignore(m => m.TipList);
            builder.HasIndex(m => new { m.ConversationId, m.Id });
            builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>Delivered: everyone in the conversation sees it. Held: only its sender and moderators, until released.</summary>
public enum MessageDelivery
{
    Delivered,
    Held,
    Rejected,
}
