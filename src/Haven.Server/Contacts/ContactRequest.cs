using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Contacts;

/// <summary>A request to talk. Accepting it is the recipient's consent to be contacted.</summary>
public sealed class ContactRequest
{
    public Guid Id { get; set; }
    public Guid FromId { get; set; }
    public Member? From { get; set; }
    public Guid ToId { get; set; }
    public Member? To { get; set; }
    public string Note { get; set; } = "";
    public ContactRequestStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<ContactRequest>
    {
        public void Configure(EntityTypeBuilder<ContactRequest> builder)
        {
            builder.Property(r => r.Note).HasMaxLength(ContactRules.MaxNoteLength);
            builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            builder.HasOne(r => r.From).WithMany().HasForeignKey(r => r.FromId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne(r => r.To).WithMany().HasForeignKey(r => r.ToId).OnDelete(DeleteBehavior.Cascade);
            builder.HasIndex(r => new { r.ToId, r.Status });
            builder.HasIndex(r => new { r.FromId, r.CreatedAt });
        }
    }
}

public enum ContactRequestStatus
{
    Pending,
    Accepted,
    Declined,
    Withdrawn,
}
