namespace Haven.Server.Audit;

/// <summary>
/// Something a moderator, an admin or an automated enforcement did. <see cref="Actor"/> and <see cref="Subject"/>
/// are references such as <c>member:{id}</c>, <c>system:safety</c>, <c>case:{id}</c>; <see cref="Details"/> holds
/// ids and codes only — never message text, documents or secrets.
/// </summary>
public sealed record AuditEvent(string Actor, string Action, string Subject, IReadOnlyDictionary<string, string>? Details = null)
{
    public static string Member(Guid id) => $"member:{id}";

    public static string System(string component) => $"system:{component}";
}

public interface IAuditTrail
{
    /// <summary>
    /// Appends the event to the chain and saves the caller's pending changes in the same transaction, so an
    /// action and its audit entry are recorded together or not at all.
    /// </summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
