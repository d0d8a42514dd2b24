using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Chat;

/// <summary>A 1:1 conversation, opened when a contact request is accepted.</summary>
public sealed class Conversation
{
    public Guid Id { get; set; }

    /// <summary>The two member ids in ascending order, so a pair has at most one conversation.</summary>
    public required string PairKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public List<ConversationMember> Members { get; set; } = [];

    public static string PairKeyOf(Guid a, Guid b) =>
        a.CompareTo(b) < 0 ? $"{a:N}:{b:N}" : $"{b:N}:{a:N}";

    internal sealed class Configuration : IEntityTypeConfiguration<Conversation>
    {
        public void Configure(EntityTypeBuilder<Conversation> builder)
        {
            builder.Property(c => c.PairKey).HasMaxLength(65);
            builder.HasIndex(c => c.PairKey).IsUnique();
        }
    }
}
