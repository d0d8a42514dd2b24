using Haven.Server.Chat;

namespace Haven.Server.Consent;

/// <summary>
/// Text more explicit than the conversation's effective level: the sender first gets
/// "Are you sure?" (<see cref="AreYouSureCode"/>); if they send anyway, recipients get it blurred
/// with "Does this bother you?".
/// </summary>
internal sealed class ConsentMessageGate(ISexualContentRater rater, IConsentLevels consent) : IMessageGate
{
    public const string AreYouSureCode = "AreYouSure";

    private static readonly Refusal AreYouSure = new(StatusCodes.Status409Conflict, AreYouSureCode,
        "This message may be more explicit than what you both agreed to in this chat. You can edit it, or send it anyway.");

    public async ValueTask<Refusal?> CheckAsync(MessageGateContext context, CancellationToken cancellationToken)
    {
        var needed = rater.Rate(context.Text);
        if (needed == ConsentLevel.Chat || needed <= await consent.EffectiveAsync(context.ConversationId, cancellationToken))
            return null;
        if (!context.SenderConfirmed)
            return AreYouSure;
        context.BlurForRecipients = true;
        return null;
    }
}
