namespace Haven.Server.Media;

/// <summary>
/// Whether both members of a conversation have agreed to explicit media. Images arrive blurred
/// unless this says yes. The consent feature implements it from the conversation's effective
/// level; until then <see cref="NoExplicitMediaConsent"/> keeps every image blurred.
/// </summary>
public interface IMediaConsent
{
    ValueTask<bool> AllowsExplicitMediaAsync(Guid conversationId, CancellationToken cancellationToken);
}

/// <summary>The safe default: nobody has consented, so every received image starts blurred.</summary>
public sealed class NoExplicitMediaConsent : IMediaConsent
{
    public ValueTask<bool> AllowsExplicitMediaAsync(Guid conversationId, CancellationToken cancellationToken) => ValueTask.FromResult(false);
}

public enum MediaAction
{
    Send,
    View,
}

/// <summary>
/// A reason a member may not send or see images right now (e.g. age not yet verified). Each
/// feature registers its own with <c>services.AddScoped&lt;IMediaGate, YourGate&gt;()</c>;
/// the first refusal wins.
/// </summary>
public interface IMediaGate
{
    ValueTask<Refusal?> CheckAsync(Guid memberId, Guid conversationId, MediaAction action, CancellationToken cancellationToken);
}
