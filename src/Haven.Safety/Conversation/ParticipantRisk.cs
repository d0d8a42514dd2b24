namespace Haven.Safety.Conversation;

/// <summary>The accumulated state of one participant. A handful of numbers: O(1) to update and store.</summary>
public sealed class ParticipantRisk
{
    public string Author { get; set; } = string.Empty;

    public RiskMoves Moves { get; set; }

    public int Messages { get; set; }

    /// <summary>Index of this participant's latest message in the conversation (for eviction).</summary>
    public int LastMessage { get; set; }

    /// <summary>Youngest under-18 age this participant stated for themselves (0 = none).</summary>
    public int MinorAge { get; set; }

    /// <summary>An adult age this participant stated for themselves (0 = none).</summary>
    public int AdultAge { get; set; }

    /// <summary>Message index at which this participant last asked someone's age (-1 = never).</summary>
    public int AgeProbeAt { get; set; } = -1;

    /// <summary>Highest transcript score seen for a pasted multi-turn text by this author (0 = none).</summary>
    public int TranscriptScore { get; set; }
}
