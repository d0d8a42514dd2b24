using System.Text.Json.Serialization;
using Haven.Server.Accounts;
using Haven.Server.Chat;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Consent;

/// <summary>One member's own level in one conversation. No row means <see cref="ConsentLevel.Chat"/>.</summary>
public sealed class ConsentChoice
{
    public Guid ConversationId { get; set; }
    public Guid MemberId { get; set; }
    public ConsentLevel Level { get; set; }
    public DateTimeOffset ChangedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ConsentChoice>
    {
        public void Configure(EntityTypeBuilder<ConsentChoice> builder)
        {
            builder.HasKey(c => new { c.ConversationId, c.MemberId });
            builder.Property(c => c.Level).HasConversion<string>().HasMaxLength(16);
            builder.HasOne<Conversation>().WithMany().HasForeignKey(c => c.ConversationId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>
/// A member raised their level above the other's: the other is asked whether they want that too.
/// At most one pending proposal per member and conversation.
/// </summary>
public sealed class ConsentProposal
{
    public Guid ConversationId { get; set; }
    public Guid ProposerId { get; set; }
    public ConsentLevel Level { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ConsentProposal>
    {
        public void Configure(EntityTypeBuilder<ConsentProposal> builder)
        {
            builder.HasKey(p => new { p.ConversationId, p.ProposerId });
            builder.Property(p => p.Level).HasConversion<string>().HasMaxLength(16);
            builder.HasOne<Conversation>().WithMany().HasForeignKey(p => p.ConversationId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<Member>().WithMany().HasForeignKey(p => p.ProposerId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<ConsentAction>))]
public enum ConsentAction
{
    /// <summary>The member changed their own level (lowering takes effect at once).</summary>
    Changed,

    /// <summary>The member accepted the other's proposal, raising their own level to it.</summary>
    Accepted,

    /// <summary>The member said no to the other's proposal.</summary>
    Declined,
}

/// <summary>The consent ledger: who changed what and when. Append-only; shown to both members and to moderators.</summary>
public sealed class ConsentLedgerEntry
{
    public long Id { get; set; }
    public Guid ConversationId { get; set; }
    public Guid MemberId { get; set; }
    public ConsentAction Action { get; set; }
    public ConsentLevel From { get; set; }
    public ConsentLevel To { get; set; }
    public DateTimeOffset At { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ConsentLedgerEntry>
    {
        public void Configure(EntityTypeBuilder<ConsentLedgerEntry> builder)
        {
            builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(16);
            builder.Property(e => e.From).HasConversion<string>().HasMaxLength(16);
            builder.Property(e => e.To).HasConversion<string>().HasMaxLength(16);
            builder.HasIndex(e => new { e.ConversationId, e.Id });
            builder.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}
