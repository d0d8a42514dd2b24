using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>
/// Reads stated ages: "im 15", "umur km 13?", "f/17", "16yo", "kelas 8", "10th grade", "ultah ke-15",
/// and says whose age it is. Numbers followed by units ("15 minutes", "15 years younger"), ages of
/// third parties ("my 14 year old dog", "anakku umur 12") and past or pretend ages ("when I was 16",
/// "berasa masih 15") are not the speaker's or listener's age. An age with a determiner or a person next to it
/// ("a 13-year-old girl", "her 14 year old son", "anak 13 tahun itu") is someone else's unless the sender
/// frames it as their own ("I'm a 15 year old girl", "aku cewek 15 tahun"); so is every age in a report about
/// a case ("the suspect met a 13-year-old, police said"), school years included.
/// </summary>
internal static class AgeReader
{
    /// <summary>Age recorded when someone is placed in school below 18 without a number ("kamu masih SMP").</summary>
    public const int UnknownMinorAge = 15;

    private static readonly string[] Determiners = ["a", "an", "the", "her", "his", "their", "our", "this", "that", "whose", "seorang", "si"];

    // Self-introductions use "girl", "cowok", "cewek" ("16 girl here", "cewe 16 jkt"), so those are not in the list.
    private static readonly string[] People =
    [
        "girls", "boys", "kid", "kids", "child", "children", "teens", "teenagers", "students", "schoolgirl", "schoolboy",
        "victim", "victims", "daughter", "son", "anak", "bocah", "siswi", "siswa", "korban", "putri", "putra",
    ];

    public static AgeFacts Read(ScanContext c)
    {
        int minorSelf = 0, minorOther = 0, adultSelf = 0, bareTeen = 0;
        var school = false;
        TextSpan evidence = default;
        var tokens = c.Tokens;
        var schoolAdult = c.Has(Cue.SchoolAdult);
        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];
            if (token.Kind != TokenKind.Number || token.Length > 2 || c.IsAmount(t))
                continue;
            var value = (int)token.Value;

            var ordinal = t + 1 < tokens.Length && IsOrdinalSuffix(c.TokenText(t + 1)) && tokens[t + 1].Start == token.End;
            var gradeAfter = ordinal ? c.StartsAfter(Cue.GradeWord, t + 1, 1) : c.StartsAfter(Cue.GradeWord, t, 1);
            var gradeBefore = c.EndsBefore(Cue.GradeWord, t, 1);
            if ((gradeAfter || gradeBefore) && value is >= 1 and <= 12)
            {
                if (!schoolAdult && !c.EndsBefore(Cue.AgeThirdParty, t, 4) && !c.EndsBefore(Cue.AgePast, t, 4)
                    && (!c.Reported || FirstPersonBefore(c, t)))
                {
                    // "since you're in 9th grade": the school year is the listener's.
                    if (c.EndsBefore(Cue.AgeLeadOther, t, 4))
                        minorOther = UnknownMinorAge;
                    else
                        school = true;
                    evidence = c.TokenSpan(gradeBefore ? Math.Max(0, t - 1) : t, Math.Min(tokens.Length - 1, t + (ordinal ? 2 : 1)));
                }

                continue;
            }

            if (ordinal)
                continue;
            if (c.StartsAfter(Cue.NonAgeUnit, t, 1))
                continue;
            var third = c.EndsBefore(Cue.AgeThirdParty, t, 3) || ThirdPartyAfter(c, t);
            var past = c.EndsBefore(Cue.AgePast, t, 4);
            var leadSelf = c.EndsBefore(Cue.AgeLeadSelf, t, 2) || c.EndsBefore(Cue.BirthdayLead, t, 2) || c.EndsBefore(Cue.AgeLeadAdjacent, t, 1);
            var leadOther = c.EndsBefore(Cue.AgeLeadOther, t, 2);
            var unit = c.StartsAfter(Cue.AgeUnit, t, 1);
            if (third || past || value < 8)
                continue;
            // "a 13-year-old girl", "anak 13 tahun itu", "the victim was 14, police said": someone else's age.
            var firstPerson = FirstPersonBefore(c, t);
            var determiner = IsAny(c, t - 1, Determiners);
            var personBefore = PersonBefore(c, t, 1);
            if (!firstPerson && (c.Reported || determiner || personBefore || PersonAfter(c, t)))
            {
                // "a 15 yr old who's this mature? … you're", "anak 13 tahun kok km udah…": spoken to the reader, it is the reader's age.
                var addressForm = c.TokenIs(t - 1, "a") || c.TokenIs(t - 1, "an") || personBefore;
                if (!c.Reported && addressForm && value is >= 8 and <= 17 && !PersonAfter(c, t) && ReportFrame.SpeaksToReader(c))
                {
                    minorOther = value;
                    evidence = c.TokenSpan(t - 1, Math.Min(tokens.Length - 1, t + 1));
                }

                continue;
            }

            if (value >= 18 && value <= 99 && (leadSelf || (unit && !leadOther)))
            {
                adultSelf = value;
                continue;
            }

            if (value is < 8 or > 17)
                continue;
            if (leadOther)
            {
                minorOther = value;
                evidence = c.TokenSpan(Math.Max(0, t - 1), t);
            }
            else if (leadSelf || unit)
            {
                minorSelf = value;
                evidence = c.TokenSpan(Math.Max(0, t - 1), Math.Min(tokens.Length - 1, unit ? t + 1 : t));
            }
            else if (value >= 10 && bareTeen == 0)
            {
                bareTeen = value;
            }
        }

        if (!school && !schoolAdult && (c.Has(Cue.SchoolMinor) || c.Has(Cue.Underage)))
        {
            var hit = c.First(Cue.Underage) ?? c.First(Cue.SchoolMinor);
            if (hit is { } h && !c.EndsBefore(Cue.AgePast, h.FirstToken, 4) && !c.EndsBefore(Cue.AgeThirdParty, h.FirstToken, 4)
                && (!c.Reported || FirstPersonBefore(c, h.FirstToken)))
            {
                if (c.EndsBefore(Cue.AgeLeadOther, h.FirstToken, 3) && minorOther == 0)
                    minorOther = UnknownMinorAge;
                else
                    school = true;
                evidence = c.TokenSpan(h.FirstToken, h.LastToken);
            }
        }

        // "I'm 34 and still feel 15": an adult age in the same message outweighs a weak school cue.
        if (adultSelf > 0 && minorSelf == 0)
            school = false;
        return new AgeFacts(minorSelf, minorOther, adultSelf, bareTeen, school, evidence);
    }

    /// <summary>"I'm a 15…", "aku cewek 15", "umurku 15": the sender frames the age as their own.</summary>
    private static bool FirstPersonBefore(ScanContext c, int t)
    {
        for (var i = Math.Max(0, t - 2); i < t; i++)
        {
            if (c.TokenIs(i, "im") || c.TokenIs(i, "am") || c.TokenIs(i, "aku"))
                return true;
            var word = c.TokenText(i);
            if (word.EndsWith("ku", StringComparison.Ordinal) && (word.StartsWith("umur", StringComparison.Ordinal) || word.StartsWith("usia", StringComparison.Ordinal)))
                return true;
        }

        return false;
    }

    private static bool PersonBefore(ScanContext c, int t, int before)
    {
        for (var i = Math.Max(0, t - before); i < t; i++)
            if (IsAny(c, i, People))
                return true;
        return false;
    }

    /// <summary>"13 year old girl", "14 tahun korban": a person named within the few words after the age.</summary>
    private static bool PersonAfter(ScanContext c, int t)
    {
        for (var i = t + 1; i <= t + 4 && i < c.TokenCount; i++)
            if (IsAny(c, i, People))
                return true;
        return false;
    }

    private static bool IsAny(ScanContext c, int t, string[] words)
    {
        foreach (var word in words)
            if (c.TokenIs(t, word))
                return true;
        return false;
    }

    private static bool ThirdPartyAfter(ScanContext c, int t)
    {
        // "14 year old dog", "14 thn anjingku": a third party right after the unit.
        foreach (var hit in c.Hits)
            if (hit.Cue == Cue.AgeThirdParty && hit.FirstToken > t && hit.FirstToken <= t + 5
                && !c.TokenIs(hit.FirstToken, "she") && !c.TokenIs(hit.FirstToken, "he")
                && !c.TokenIs(hit.FirstToken, "her") && !c.TokenIs(hit.FirstToken, "him")
                && !c.TokenIs(hit.FirstToken, "shes") && !c.TokenIs(hit.FirstToken, "hes"))
                return true;
        return false;
    }

    private static bool IsOrdinalSuffix(ReadOnlySpan<char> word) =>
        word.SequenceEqual("th") || word.SequenceEqual("st") || word.SequenceEqual("nd") || word.SequenceEqual("rd");
}
