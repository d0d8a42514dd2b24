using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>
/// Says whether a message reports on a case rather than acting in one: "police arrested a man accused of
/// trafficking", "tersangka ditangkap polisi", "a news article about sextortion". Such a message names the
/// same moves a groomer, trafficker or extortionist makes, but nobody in the chat is making them.
/// <list type="bullet">
/// <item>News and media words ("news", "article", "berita") frame the message unless the sender and the reader
/// are both in it ("I'll send your photos to the news") or it gives an order ("don't tell").</item>
/// <item>Case words ("police", "court", "suspect", "tersangka", "kasus") frame it only when it is told in the
/// third person: no "I"/"my"/"aku" (a victim asking for help), no "you"/"kamu" (a threat such as "send money or
/// I'll tell the police you…") and no order ("don't tell the police").</item>
/// </list>
/// </summary>
internal static class ReportFrame
{
    private static readonly string[] FirstPerson =
        ["i", "im", "ive", "ill", "me", "my", "mine", "myself", "we", "us", "our", "ours", "aku", "diriku", "kami", "kita"];

    private static readonly string[] SecondPerson =
        ["you", "your", "youre", "yours", "yourself", "kamu", "anda", "kalian", "dirimu"];

    public static bool Read(ScanContext c)
    {
        var media = c.Has(Cue.NewsContext);
        if (!media && !c.Has(Cue.ReportFrame))
            return false;
        if (c.Has(Cue.ReportImperative))
            return false;
        var (first, second) = Persons(c);
        return media ? !(first && second) : !first && !second;
    }

    /// <summary>The message speaks to the reader ("you", "kamu", "fotomu").</summary>
    public static bool SpeaksToReader(ScanContext c)
    {
        var tokens = c.Tokens;
        for (var t = 0; t < tokens.Length; t++)
            if (tokens[t].Kind == TokenKind.Word && (IsAny(c, t, SecondPerson) || IsPossessive(c.TokenText(t), "mu")))
                return true;
        return false;
    }

    private static (bool First, bool Second) Persons(ScanContext c)
    {
        bool first = false, second = false;
        var tokens = c.Tokens;
        for (var t = 0; t < tokens.Length && !(first && second); t++)
        {
            if (tokens[t].Kind != TokenKind.Word)
                continue;
            var word = c.TokenText(t);
            if (!first && (IsAny(c, t, FirstPerson) || IsPossessive(word, "ku")))
                first = true;
            else if (!second && (IsAny(c, t, SecondPerson) || IsPossessive(word, "mu")))
                second = true;
        }

        return (first, second);
    }

    private static bool IsAny(ScanContext c, int t, string[] words)
    {
        foreach (var word in words)
            if (c.TokenIs(t, word))
                return true;
        return false;
    }

    /// <summary>Indonesian possessive suffixes: "pasporku", "fotomu" (but not "ketemu", "buku").</summary>
    private static bool IsPossessive(ReadOnlySpan<char> word, string suffix) =>
        word.Length >= 5 && word.EndsWith(suffix, StringComparison.Ordinal) && !word.EndsWith("temu", StringComparison.Ordinal)
        && !word.EndsWith("kuku", StringComparison.Ordinal) && !word.EndsWith("buku", StringComparison.Ordinal);
}
