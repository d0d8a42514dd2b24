using Haven.Server.Consent;

namespace Haven.Server.Media;

/// <summary>
/// Whether both members of a conversation have agreed to explicit media. Images arrive blurred
/// unless this says yes.
/// </summary>
public interface IMediaConsent
{
    ValueTask<bool> AllowsExplicitMediaAsync(Guid conversationId, CancellationToken cancellationToken);
}

/// <summary>Explicit media is allowed only when the conversation's effective consent level (the lower of the two) is explicit media.</summary>
public sealed class ConsentLevelMediaConsent(IConsentLevels levels) : IMediaConsent
{
    public async ValueTask<bool> AllowsExplicitMediaAsync(Guid conversationId, CancellationToken cancellationToken) =>
        await levels.EffectiveAsync(conversationId, cancellationToken) >= ConsentLevel.ExplicitMedia;
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
