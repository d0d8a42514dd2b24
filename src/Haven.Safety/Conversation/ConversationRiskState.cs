namespace Haven.Safety.Conversation;

/// <summary>
/// The per-conversation risk state: small, bounded (at most <see cref="MaxParticipants"/> participants,
/// each a few fields) and plain data, so it serializes with System.Text.Json and survives restarts.
/// </summary>
public sealed class ConversationRiskState
{
    public const int MaxParticipants = 8;

    public string ConversationId { get; set; } = string.Empty;

    public int MessageCount { get; set; }

    public List<ParticipantRisk> Participants { get; set; } = [];

    /// <summary>Risks that have fired so far; once fired they stay (the case is open).</summary>
    public ConversationRisk Risks { get; set; }

    /// <summary>Someone told another participant their age is under 18 ("you're 14").</summary>
    public bool MinorMentionedByOther { get; set; }
}
