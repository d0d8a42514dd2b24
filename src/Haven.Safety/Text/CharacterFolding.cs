using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Haven.Safety.Text;

/// <summary>
/// Folds one Unicode scalar to the lowercase Latin text a reader would see in it: NFKC, case fold,
/// diacritics removed, confusable Cyrillic/Greek letters and letter-like emoji mapped to Latin.
/// Symbols and emoji fold to a single space (they act as separators), format characters to nothing.
/// Results for non-ASCII scalars are cached, so the hot path allocates only for unseen characters.
/// </summary>
internal static class CharacterFolding
{
    private const int CacheLimit = 16_384;
    private static readonly ConcurrentDictionary<int, string> Cache = new();

    /// <summary>Letters that look like Latin letters in common fonts (the subset abusers actually use).</summary>
    private static readonly Dictionary<int, char> Confusables = new()
    {
        // Cyrillic
        [0x0430] = 'a', [0x0410] = 'a', [0x0435] = 'e', [0x0415] = 'e', [0x043E] = 'o', [0x041E] = 'o',
        [0x0440] = 'p', [0x0420] = 'p', [0x0441] = 'c', [0x0421] = 'c', [0x0443] = 'y', [0x0423] = 'y',
        [0x0445] = 'x', [0x0425] = 'x', [0x0456] = 'i', [0x0406] = 'i', [0x0458] = 'j', [0x0408] = 'j',
        [0x0455] = 's', [0x0405] = 's', [0x04BB] = 'h', [0x041D] = 'h', [0x0422] = 't', [0x0442] = 't',
        [0x041C] = 'm', [0x043C] = 'm', [0x041A] = 'k', [0x043A] = 'k', [0x0412] = 'b', [0x0432] = 'b',
        [0x0501] = 'd', [0x051B] = 'q', [0x051D] = 'w', [0x0261] = 'g', [0x0131] = 'i',
        // Greek
        [0x03B1] = 'a', [0x0391] = 'a', [0x0392] = 'b', [0x03B5] = 'e', [0x0395] = 'e', [0x0397] = 'h',
        [0x0399] = 'i', [0x03B9] = 'i', [0x039A] = 'k', [0x03BA] = 'k', [0x039C] = 'm', [0x039D] = 'n',
        [0x03BD] = 'v', [0x039F] = 'o', [0x03BF] = 'o', [0x03A1] = 'p', [0x03C1] = 'p', [0x03A4] = 't',
        [0x03C4] = 't', [0x03A5] = 'y', [0x03C5] = 'u', [0x03A7] = 'x', [0x03C7] = 'x', [0x0396] = 'z',
        // Latin look-alikes that NFKC keeps
        [0x0251] = 'a', [0x0250] = 'a', [0x025B] = 'e', [0x0269] = 'i', [0x0280] = 'r', [0x029F] = 'l',
        [0x1D00] = 'a', [0x0299] = 'b', [0x1D04] = 'c', [0x1D05] = 'd', [0x1D07] = 'e', [0x0262] = 'g',
        [0x029C] = 'h', [0x026A] = 'i', [0x1D0A] = 'j', [0x1D0B] = 'k', [0x1D0D] = 'm', [0x0274] = 'n',
        [0x1D0F] = 'o', [0x1D18] = 'p', [0x0280] = 'r', [0x1D1B] = 't', [0x1D1C] = 'u', [0x1D20] = 'v',
        [0x1D21] = 'w', [0x028F] = 'y', [0x1D22] = 'z',
    };

    /// <summary>Folds a non-ASCII scalar. ASCII is handled inline by the normalizer.</summary>
    public static string Fold(Rune rune)
    {
        if (Cache.TryGetValue(rune.Value, out var cached))
            return cached;
        var folded = Compute(rune);
        if (Cache.Count < CacheLimit)
            Cache.TryAdd(rune.Value, folded);
        return folded;
    }

    private static string Compute(Rune rune)
    {
        var v = rune.Value;
        if (Confusables.TryGetValue(v, out var c))
            return c.ToString();

        // Regional indicators, negative circled and negative squared capitals have no NFKC mapping
        // but read as letters ("🅱️🅾️" is "bo").
        if (v is >= 0x1F1E6 and <= 0x1F1FF) return ((char)('a' + v - 0x1F1E6)).ToString();
        if (v is >= 0x1F150 and <= 0x1F169) return ((char)('a' + v - 0x1F150)).ToString();
        if (v is >= 0x1F170 and <= 0x1F189) return ((char)('a' + v - 0x1F170)).ToString();

        var category = Rune.GetUnicodeCategory(rune);
        switch (category)
        {
            case UnicodeCategory.Format:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.EnclosingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.Control:
                return string.Empty;
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
                return " ";
        }

        var nfkc = rune.ToString().Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(nfkc.Length);
        foreach (var ch in nfkc.Normalize(NormalizationForm.FormD))
        {
            var cat = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (cat is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
                continue;
            if (Confusables.TryGetValue(ch, out var conf))
            {
                builder.Append(conf);
                continue;
            }

            if (char.IsLetterOrDigit(ch) || ch < 0x80)
                builder.Append(char.ToLowerInvariant(ch));
            else if (!char.IsSurrogate(ch))
                builder.Append(' ');
        }

        if (builder.Length == 0 && category is UnicodeCategory.OtherSymbol or UnicodeCategory.Surrogate
                or UnicodeCategory.MathSymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherNotAssigned)
            return " ";
        var result = builder.ToString();
        return result.Length == 0 ? " " : result;
    }
}
