namespace Haven.Safety.Conversation;

/// <summary>Conversation-level risks: the ones that open a case, unlike a lone message signal.</summary>
[Flags]
public enum ConversationRisk
{
    None = 0,
    Grooming = 1,
    Sextortion = 2,
    Scam = 4,

    /// <summary>Someone appears to be under 18. Triggers age re-verification, not a grooming case.</summary>
    MinorPresent = 8,
}
