namespace Haven.Audit;

/// <summary>
/// One entry of the audit log as it is hashed: who did what to whom, when, and the hash of the entry before.
/// <paramref name="Details"/> is a small JSON object of ids and codes; never message text or secrets.
/// </summary>
public sealed record AuditRecord(
    long Sequence,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Subject,
    string? Details,
    string PreviousHash,
    string Hash);
