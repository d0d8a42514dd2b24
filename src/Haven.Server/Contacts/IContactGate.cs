namespace Haven.Server.Contacts;

public enum ContactAction
{
    SendRequest,
    AcceptRequest,
}

/// <summary>
/// A check before a member starts contact (sends or accepts a request). Features such as age
/// assurance, moderation restrictions or self-exclusion register one; the first refusal wins.
/// </summary>
public interface IContactGate
{
    ValueTask<Refusal?> CheckAsync(Guid memberId, ContactAction action, CancellationToken cancellationToken);
}
