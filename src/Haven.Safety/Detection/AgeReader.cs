using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>
/// Reads stated ages: "im 15", "umur km 13?", "f/17", "16yo", "kelas 8", "10th grade", "ultah ke-15",
/// and says whose age it is. Numbers followed by units ("15 minutes", "15 years younger"), ages of
/// third parties ("my 14 year old dog", "anakku umur 12") and past or pretend ages ("when I was 16",
/// "berasa masih 15") are not the speaker's or listener's age.
/// </summary>
internal static class AgeReader
{
    /// <summary>Age recorded when someone is placed in school below 18 without a number ("kamu masih SMP").</summary>
    public const int UnknownMinorAge = 15;

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
                if (!schoolAdult && !c.EndsBefore(Cue.AgeThirdParty, t, 4) && !c.EndsBefore(Cue.AgePast, t, 4))
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
            if (third || past)
                continue;
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
            if (hit is { } h && !c.EndsBefore(Cue.AgePast, h.FirstToken, 4) && !c.EndsBefore(Cue.AgeThirdParty, h.FirstToken, 4))
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
