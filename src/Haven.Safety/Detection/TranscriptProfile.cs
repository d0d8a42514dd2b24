using Haven.Safety.Lexicon;

namespace Haven.Safety.Detection;

/// <summary>
/// Judges a long flat transcript (many turns pasted as one text with no authors, like PAN12 segments),
/// where per-message rules do not apply: it counts how many groups of grooming indicators appear
/// (parents, meeting, affection, sexual talk, secrecy, being alone, photos or cam, a stated age under 16),
/// with extra weight when parents or affection recur. The result is 1 + the number of groups met, so any
/// transcript scores at least 1.
/// </summary>
internal static class TranscriptProfile
{
    /// <summary>Texts at least this long get a transcript score (used for author-less segments).</summary>
    public const int MinLength = 100;

    /// <summary>Texts at least this long are transcripts rather than chat messages, whoever sent them.</summary>
    public const int LongTextLength = 600;

    public static int Score(ScanContext c)
    {
        int parent = 0, meet = 0, affection = 0, sexual = 0, secret = 0, alone = 0, photo = 0;
        foreach (var hit in c.Hits)
        {
            switch (hit.Cue)
            {
                case Cue.ParentRef: parent++; break;
                case Cue.Meeting or Cue.Pickup or Cue.CovertMeeting: meet++; break;
                case Cue.Affection: affection++; break;
                case Cue.SexualTalk: sexual++; break;
                case Cue.Secrecy or Cue.TellNegation or Cue.EraseEvidence: secret++; break;
                case Cue.HomeAlone: alone++; break;
                case Cue.PhotoRequest: photo++; break;
            }
        }

        var groups = 0;
        if (parent >= 1) groups++;
        if (parent >= 3) groups++;
        if (meet >= 1) groups++;
        if (affection >= 1) groups++;
        if (affection >= 3) groups++;
        if (sexual >= 2) groups++;
        if (secret >= 1) groups++;
        if (alone >= 1) groups++;
        if (photo >= 1) groups++;
        if (c.Ages.MinorSelf is > 0 and < 16 || c.Ages.MinorOther is > 0 and < 16) groups++;
        return 1 + groups;
    }
}
