namespace Haven.Safety.Policy;

/// <summary>Facts about the sender and conversation that rules may test besides signals.</summary>
public sealed record PolicyContext(
    ConsentLevel Consent,
    int SenderAccountAgeDays,
    bool SenderVerified,
    int SenderPriorStrikes,
    MessageDirection Direction)
{
    /// <summary>A verified, established sender in an ongoing conversation without consent upgrades.</summary>
    public static PolicyContext Default { get; } = new(ConsentLevel.None, 365, true, 0, MessageDirection.Ongoing);
}
