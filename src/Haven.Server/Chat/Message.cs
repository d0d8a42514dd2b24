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

    internal sealed class Configuration : IEntityTypeConfiguration<Message>
    {
        public void Configure(EntityTypeBuilder<Message> builder)
        {
            builder.HasIndex(m => new { m.SenderId, m.ClientMessageId }).IsUnique();
            builder.HasIndex(m => new { m.ConversationId, m.Id });
            builder.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
