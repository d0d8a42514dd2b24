using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Audit;

/// <summary>A row of the append-only, hash-chained audit log (see Haven.Audit.AuditChain).</summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string Subject { get; set; }
    public string? Details { get; set; }
    public required string PreviousHash { get; set; }
    public required string Hash { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AuditEntry>
    {
        public void Configure(EntityTypeBuilder<AuditEntry> builder)
        {
            builder.ToTable(Haven.Audit.AuditLogReader.Table);
            builder.HasKey(e => e.Sequence);
            // The sequence is part of the hash, so it is chosen before the insert, never by the database.
            builder.Property(e => e.Sequence).ValueGeneratedNever();
            builder.Property(e => e.Actor).HasMaxLength(80);
            builder.Property(e => e.Action).HasMaxLength(80);
            builder.Property(e => e.Subject).HasMaxLength(120);
            builder.Property(e => e.Details).HasMaxLength(4000);
            builder.Property(e => e.PreviousHash).HasMaxLength(64);
            builder.Property(e => e.Hash).HasMaxLength(64);
        }
    }
}
