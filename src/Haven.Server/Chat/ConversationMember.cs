using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Chat;

public sealed class ConversationMember
{
    public Guid ConversationId { get; set; }
    public Conversation? Conversation { get; set; }
    public Guid MemberId { get; set; }
    public Member? Member { get; set; }

    /// <summary>The newest message this member has read (read receipts).</summary>
    public long LastReadMessageId { get; set; }

    /// <summary>Set when this member blocks the other: the conversation disappears for them.</summary>
    public bool Hidden { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ConversationMember>
    {
        public void Configure(EntityTypeBuilder<ConversationMember> builder)
        {
            builder.HasKey(m => new { m.ConversationId, m.MemberId });
            builder.HasIndex(m => m.MemberId);
            builder.HasOne(m => m.Conversation).WithMany(c => c.Members).HasForeignKey(m => m.ConversationId);
            builder.HasOne(m => m.Member).WithMany().HasForeignKey(m => m.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
