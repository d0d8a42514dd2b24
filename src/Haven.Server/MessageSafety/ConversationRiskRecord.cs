using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.MessageSafety;

/// <summary>
/// The persisted conversation risk state (Haven.Safety's ConversationRiskState as JSON: participants'
/// move bits and stated ages, never message text), so conversation-level risk survives restarts.
/// </summary>
public sealed class ConversationRiskRecord
{
    public Guid ConversationId { get; set; }

    public required string State { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ConversationRiskRecord>
    {
        public void Configure(EntityTypeBuilder<ConversationRiskRecord> builder)
        {
            builder.ToTable("ConversationRiskStates");
            builder.HasKey(r => r.ConversationId);
            builder.Property(r => r.State).HasMaxLength(8000);
            builder.HasOne<Chat.Conversation>().WithMany().HasForeignKey(r => r.ConversationId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
