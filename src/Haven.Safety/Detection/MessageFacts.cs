namespace Haven.Safety.Detection;

/// <summary>
/// Facts about a message the conversation tracker uses besides signals: ages stated, and whether
/// the message reads as a short answer with a bare teen number (e.g. "16" after "how old are you?").
/// </summary>
/// <param name="TranscriptScore">For long pasted transcripts (several turns in one text, no authors): 1 + the capped
/// grooming-stage points the text shows (see <see cref="TranscriptProfile"/>); 0 for ordinary messages.</param>
/// <param name="Reported">The message reports on a case in the third person ("police arrested a man accused of…"):
/// its grooming, sextortion and scam moves are not its author's.</param>
/// <param name="TranscriptShowsYouth">The long text shows someone young or kept from guardians: a stated minor age
/// or school year, a child's daily life, being home alone or checked on by parents, secrecy or erasing chats.</param>
public readonly record struct MessageFacts(int MinorAgeSelf, int MinorAgeOther, int AdultAgeSelf, int BareTeenNumber, bool HasAmount,
    int TranscriptScore = 0, bool LongText = false, bool TranscriptShowsYouth = false, bool Reported = false)
{
    public static MessageFacts None { get; } = new(0, 0, 0, 0, false);

    /// <summary>A text this long is a pasted transcript whoever sent it.</summary>
    public bool IsTranscript => LongText && TranscriptScore > 0;
}
