using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Haven.Audit;

/// <summary>
/// The hash chain over audit entries: each entry's hash covers its own fields and the previous entry's
/// hash, so changing, removing or reordering any entry breaks every link after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>
    /// Times are kept to whole microseconds: PostgreSQL stores no finer, and the hash must survive the round trip.
    /// </summary>
    public static DateTimeOffset Normalize(DateTimeOffset at) =>
        new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    public static string ComputeHash(long sequence, DateTimeOffset at, string actor, string action, string subject, string? details, string previousHash)
    {
        // Length-prefixed fields: no choice of values can make two different entries serialize alike.
        var canonical = new StringBuilder();
        foreach (var field in new[]
                 {
                     sequence.ToString(CultureInfo.InvariantCulture), Normalize(at).UtcTicks.ToString(CultureInfo.InvariantCulture),
                     actor, action, subject, details ?? "", previousHash,
                 })
            canonical.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    public static string ComputeHash(AuditRecord record) =>
        ComputeHash(record.Sequence, record.At, record.Actor, record.Action, record.Subject, record.Details, record.PreviousHash);

    /// <summary>Walks the log in sequence order and names the first entry that does not fit the chain.</summary>
    public static async Task<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditRecord> records, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var previousHash = Genesis;
        long expected = 1, checkedCount = 0;
        await foreach (var record in records.WithCancellation(ct))
        {
            if (record.Sequence != expected)
                return AuditVerification.Broken(checkedCount, record.Sequence, $"expected entry {expected} here: an entry is missing or out of order");
            if (!string.Equals(record.PreviousHash, previousHash, StringComparison.Ordinal))
                return AuditVerification.Broken(checkedCount, record.Sequence, "its previous hash does not match the entry before it");
            if (!string.Equals(ComputeHash(record), record.Hash, StringComparison.Ordinal))
                return AuditVerification.Broken(checkedCount, record.Sequence, "its contents do not match its hash (the entry was changed)");
            previousHash = record.Hash;
            expected++;
            checkedCount++;
        }

        return AuditVerification.Intact(checkedCount, checkedCount == 0 ? null : previousHash);
    }
}

/// <summary>The outcome of checking the chain. <see cref="LastHash"/> lets an operator anchor the log elsewhere.</summary>
public sealed record AuditVerification(bool Ok, long Checked, long? FirstBrokenSequence, string? Reason, string? LastHash)
{
    public static AuditVerification Intact(long count, string? lastHash) => new(true, count, null, null, lastHash);

    public static AuditVerification Broken(long count, long sequence, string reason) => new(false, count, sequence, reason, null);
}
