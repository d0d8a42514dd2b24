namespace Haven.Server.Chat;

/// <summary>
/// What a gate sees about a message about to be stored. <paramref name="SenderConfirmed"/> is set
/// when the sender chose "send anyway" after a warning.
/// </summary>
public sealed record MessageGateContext(Guid SenderId, Guid ConversationId, IReadOnlyList<Guid> Recipients, string Text, bool SenderConfirmed = false)
{
    /// <summary>A gate that lets the message through but wants recipients to see it blurred sets this.</summary>
    public bool BlurForRecipients { get; set; }
}

/// <summary>
/// A check every message passes after membership is established and before it is stored
/// (age assurance, consent, wellbeing limits, safety, …). Each feature registers its own;
/// the first refusal stops the message and reaches the sender as a hub error.
/// </summary>
public interface IMessageGate
{
    ValueTask<Refusal?> CheckAsync(MessageGateContext context, CancellationToken cancellationToken);
}
