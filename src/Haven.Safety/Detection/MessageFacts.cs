namespace Haven.Safety.Detection;

/// <summary>
/// Facts about a message the conversation tracker uses besides signals: ages stated, and whether
/// the message reads as a short answer with a bare teen number (e.g. "16" after "how old are you?").
/// </summary>
public readonly record struct MessageFacts(int MinorAgeSelf, int MinorAgeOther, int AdultAgeSelf, int BareTeenNumber, bool HasAmount)
{
    public static MessageFacts None { get; } = new(0, 0, 0, 0, false);
}
