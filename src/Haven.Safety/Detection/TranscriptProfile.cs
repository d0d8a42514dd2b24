using Haven.Safety.Lexicon;

namespace Haven.Safety.Detection;

/// <summary>
/// Judges a long flat transcript (many turns pasted as one text with no authors, like PAN12 segments),
/// where per-message rules do not apply. It follows the stages grooming research describes (forming a
/// relationship, checking who is watching, secrecy, sexual talk, arranging to meet) and adds up capped
/// points per stage, so one word repeated many times cannot carry a transcript on its own:
/// <list type="bullet">
/// <item>relationship: longing and anticipation, pet names and kisses, moving to phone calls, near-future plans;</item>
/// <item>who is watching: parents and guardians, when they come and go, being home alone, getting in trouble;</item>
/// <item>secrecy, sexual talk, photo or cam requests, meeting and pick-up logistics;</item>
/// <item>a child's daily life (school, homework, chores, bedtime).</item>
/// </list>
/// Three things count against: a report about a case (police, court, "the suspect": a text about grooming is not
/// grooming); a first conversation between strangers ("asl", "m or f", "where are you from", "what's your name":
/// people who just met, mostly peers trading ages, with no relationship to exploit yet); and stated ages that
/// show only adults, or a minor and an adult close in age.
/// The result is 1 + the points, floored at 1, so any transcript scores at least 1.
/// </summary>
internal static class TranscriptProfile
{
    /// <summary>Texts at least this long get a transcript score (used for author-less segments).</summary>
    public const int MinLength = 100;

    /// <summary>Texts at least this long are transcripts rather than chat messages, whoever sent them.</summary>
    public const int LongTextLength = 600;

    /// <summary>Score a transcript needs to count as grooming (see ConversationRiskTracker).</summary>
    public const int GroomingScore = 8;

    private enum Stage
    {
        Parents, HomeAlone, Whereabouts, Meeting, Plans, Longing, Affection, Secrecy, Sexual, Photo, Calls, YouthLife, Stranger, Report,
    }

    // Caps per stage: the points a stage can add however often its cues recur.
    private static readonly int[] Caps = [3, 2, 2, 3, 3, 3, 3, 2, 2, 1, 2, 2, 2, 2];

    private const int StrangerPenalty = 3;
    private const int ReportPenalty = 4;
    private const int AdultsOnlyPenalty = 2;
    private const int PeerAgesPenalty = 2;

    /// <summary>A stated minor and a stated adult at most this many years apart read as peers (16 and 18).</summary>
    private const int PeerAgeGap = 3;

    /// <summary>The score, and whether the text shows someone young or kept from guardians (see MessageFacts).</summary>
    public static (int Score, bool ShowsYouth) Read(ScanContext c)
    {
        Span<int> counts = stackalloc int[Caps.Length];
        foreach (var hit in c.Hits)
        {
            if (StageOf(hit.Cue) is { } stage)
                counts[(int)stage]++;
        }

        counts[(int)Stage.Affection] += CountKisses(c.Text.Original);
        var points = 0;
        for (var i = 0; i < Caps.Length; i++)
        {
            if (i is not ((int)Stage.Stranger or (int)Stage.Report))
                points += Math.Min(counts[i], Caps[i]);
        }

        points -= StrangerPenalty * Math.Min(counts[(int)Stage.Stranger], Caps[(int)Stage.Stranger]);
        points -= ReportPenalty * Math.Min(counts[(int)Stage.Report], Caps[(int)Stage.Report]);
        var ages = c.Ages;
        if (ages.AdultSelf > 0 && ages.MinorSelf == 0 && ages.MinorOther == 0)
            points -= AdultsOnlyPenalty;
        if (ages.AdultSelf > 0 && ages.MinorSelf > 0 && ages.AdultSelf - ages.MinorSelf <= PeerAgeGap)
            points -= PeerAgesPenalty;
        // Only the specific cues: "at work" or "got mad" also turn up in adults' letters.
        var youth = ages.AnyMinor || c.Has(Cue.YouthLife) || c.Has(Cue.HomeAlone) || c.Has(Cue.ParentMonitor)
            || c.Has(Cue.Secrecy) || c.Has(Cue.TellNegation) || c.Has(Cue.EraseEvidence);
        return (Math.Max(1, 1 + points), youth);
    }

    private static Stage? StageOf(Cue cue) => cue switch
    {
        Cue.ParentRef or Cue.Guardian => Stage.Parents,
        Cue.HomeAlone or Cue.ParentMonitor => Stage.HomeAlone,
        Cue.Whereabouts => Stage.Whereabouts,
        Cue.Meeting or Cue.Pickup or Cue.CovertMeeting => Stage.Meeting,
        Cue.Plans => Stage.Plans,
        Cue.Longing => Stage.Longing,
        Cue.Affection => Stage.Affection,
        Cue.Secrecy or Cue.TellNegation or Cue.EraseEvidence or Cue.Trouble => Stage.Secrecy,
        Cue.SexualTalk => Stage.Sexual,
        Cue.PhotoRequest => Stage.Photo,
        Cue.ContactMe or Cue.Calls => Stage.Calls,
        Cue.YouthLife => Stage.YouthLife,
        Cue.StrangerOpener or Cue.FirstContact => Stage.Stranger,
        Cue.CaseReport => Stage.Report,
        _ => null,
    };

    /// <summary>Kiss and heart emoticons (":*", ":-*", "&lt;3"), which normalization turns into separators.</summary>
    private static int CountKisses(string text)
    {
        var count = 0;
        for (var i = 0; i + 1 < text.Length; i++)
        {
            var ch = text[i];
            if (ch == ':' && (text[i + 1] == '*' || (text[i + 1] == '-' && i + 2 < text.Length && text[i + 2] == '*')))
                count++;
            else if (ch == '<' && text[i + 1] == '3')
                count++;
        }

        return count;
    }
}
