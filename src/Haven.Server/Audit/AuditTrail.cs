using System.Text.Json;
using Haven.Audit;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Audit;

public sealed class AuditTrail(HavenDbContext db, TimeProvider clock) : IAuditTrail
{
    // Any constant: every node takes the same PostgreSQL advisory lock, so the chain never forks.
    private const long ChainLock = 0x4861_7665_6E41_7564;

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        var owned = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // SQLite's transaction already holds the single write lock; PostgreSQL needs one for the chain head.
            if (db.Database.IsNpgsql())
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", cancellationToken);
            var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
            var sequence = (head?.Sequence ?? 0) + 1;
            var previous = head?.Hash ?? AuditChain.Genesis;
            var at = AuditChain.Normalize(clock.GetUtcNow());
            var details = auditEvent.Details is { Count: > 0 } d ? JsonSerializer.Serialize(d) : null;
            db.AuditEntries.Add(new AuditEntry
            {
                Sequence = sequence,
                At = at,
                Actor = auditEvent.Actor,
                Action = auditEvent.Action,
                Subject = auditEvent.Subject,
                Details = details,
                PreviousHash = previous,
                Hash = AuditChain.ComputeHash(sequence, at, auditEvent.Actor, auditEvent.Action, auditEvent.Subject, details, previous),
            });
            await db.SaveChangesAsync(cancellationToken);
            if (owned is not null)
                await owned.CommitAsync(cancellationToken);
        }
        finally
        {
            if (owned is not null)
                await owned.DisposeAsync();
        }
    }
}
