namespace Haven.Server.Chat;

/// <summary>
/// What a gate sees about a message about to be stored. <paramref name="SenderConfirmed"/> is set
/// when the sender chose "send anyway" after a warning.
/// </summary>
public sealed record MessageGateContext(Guid SenderId, Guid ConversationId, IReadOnlyList<Guid> Recipients, string Text, bool SenderConfirmed = false)
{
    /// <summary>A gate that lets the message through but wants recipients to see it blurred sets this.</summary>
    public bool BlurForRecipients { get; set; }

    /// <summary>Store the message but deliver it only when a moderator releases it.</summary>
    public bool HoldForReview { get; set; }

    /// <summary>Safety tip keys recipients see under the message (never text), e.g. "money".</summary>
    public IReadOnlyList<string> RecipientTips { get; set; } = [];

    private List<Func<long, CancellationToken, Task>>? _afterStored;

    /// <summary>Work a gate needs done once the message is durably stored (not for a duplicate resend), given its id.</summary>
    public void AfterStored(Func<long, CancellationToken, Task> action) => (_afterStored ??= []).Add(action);

    internal async Task RunAfterStoredAsync(long messageId, CancellationToken cancellationToken)
    {
        foreach (var action in _afterStored ?? [])
            await action(messageId, cancellationToken);
    }
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
