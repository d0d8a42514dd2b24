using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Haven.Server.Consent;

/// <summary>
/// How explicit a message is, as the lowest consent level it fits in. An interface so that the
/// Haven.Safety engine can take over once it offers a graded sexual-content signal.
/// </summary>
public interface ISexualContentRater
{
    ConsentLevel Rate(string text);
}

/// <summary>
/// A small English and Indonesian word and phrase list in two tiers: flirting (suggestive) and
/// explicit. It folds case, accents, simple leetspeak and repeated letters, and matches whole
/// words, so "classic" is not "ass". Deliberately conservative: it only decides whether a sender
/// sees "Are you sure?" and whether the recipient sees the text blurred first, never a sanction.
/// </summary>
public sealed class SexualContentLexicon : ISexualContentRater
{
    private static readonly FrozenDictionary<string, string[][]> Flirting = Phrases(
        "sexy", "kiss", "kisses", "kissing", "kiss you", "cuddle", "cuddles", "naughty", "seductive", "make out", "making out",
        "flirt", "flirty", "tease", "teasing", "lingerie", "bikini", "in bed", "turned on", "turn me on", "seduce", "hot body",
        "seksi", "cium", "ciuman", "peluk", "genit", "menggoda", "godain", "mesra", "bermesraan", "nakal ya", "pelukan");

    private static readonly FrozenDictionary<string, string[][]> Explicit = Phrases(
        "fuck", "fucking", "fuck me", "sex", "horny", "naked", "nude", "nudes", "cock", "dick", "pussy", "boobs", "tits",
        "cum", "orgasm", "blowjob", "bj", "masturbate", "masturbating", "wet for you", "hard for you", "suck my", "lick your",
        "strip for me", "get laid", "threesome", "anal", "jerk off",
        "ngentot", "entot", "ngewe", "kontol", "memek", "toket", "sange", "colmek", "coli", "bugil", "telanjang",
        "bercinta", "seks", "vcs", "crot", "desah", "itil", "jembut", "ngaceng");

    public ConsentLevel Rate(string text)
    {
        var words = Words(text);
        if (words.Count == 0)
            return ConsentLevel.Chat;
        if (AnyPhrase(words, Explicit))
            return ConsentLevel.ExplicitText;
        return AnyPhrase(words, Flirting) ? ConsentLevel.Flirting : ConsentLevel.Chat;
    }

    /// <summary>Every message is rated, so phrases are looked up by their first word instead of tried at every position.</summary>
    private static bool AnyPhrase(List<string> words, FrozenDictionary<string, string[][]> phrases)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (!phrases.TryGetValue(words[i], out var starting))
                continue;
            foreach (var phrase in starting)
            {
                var match = i + phrase.Length <= words.Count;
                for (var j = 1; j < phrase.Length && match; j++)
                    match = words[i + j] == phrase[j];
                if (match)
                    return true;
            }
        }

        return false;
    }

    /// <summary>Lower-case words with accents, leetspeak digits and letter runs ("sooo") folded.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            var folded = char.ToLowerInvariant(c) switch
            {
                '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '@' => 'a', '$' => 's',
                var other => other,
            };
            if (char.IsLetter(folded))
            {
                // Three or more of the same letter count as one ("sexyyy"); doubles stay ("kiss").
                if (word.Length >= 2 && word[^1] == folded && word[^2] == folded)
                    continue;
                word.Append(folded);
            }
            else if (folded is '*' or '.' && word.Length > 0)
            {
                // "f*ck", "s.e.x": masking characters inside a word do not split it.
                continue;
            }
            else if (word.Length > 0)
            {
                words.Add(Collapse(word.ToString()));
                word.Clear();
            }
        }

        if (word.Length > 0)
            words.Add(Collapse(word.ToString()));
        return words;
    }

    /// <summary>"f*ck" arrives as "fck": known masked spellings map back to the word.</summary>
    private static string Collapse(string word) => word switch
    {
        "fck" or "fuk" or "fk" or "phuck" => "fuck",
        "fcking" or "fking" or "fuking" => "fucking",
        "sexxx" or "secks" => "sex",
        "nud" => "nude",
        _ => TrimRun(word),
    };

    private static string TrimRun(string word)
    {
        // "sexxx" after run folding is "sexx": trailing doubles of letters that never end these words go.
        if (word.Length > 3 && word[^1] == word[^2] && word[^1] is 'x' or 'y' or 'h' or 'm' or 'e' or 'o' or 'a' or 'u' or 'i')
            return word[..^1];
        return word;
    }

    private static FrozenDictionary<string, string[][]> Phrases(params string[] phrases) =>
        phrases.Select(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(words => words[0]).ToFrozenDictionary(g => g.Key, g => g.ToArray());
}
