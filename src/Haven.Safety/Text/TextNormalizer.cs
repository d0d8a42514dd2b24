using System.Buffers;
using System.Text;

namespace Haven.Safety.Text;

/// <summary>
/// Turns a chat message into the text detectors read: NFKC + case fold + confusables, leetspeak,
/// squeezed letter repeats, re-joined spaced-out letters and spelled-out numbers, keeping for each
/// output character the range of the original it came from (<see cref="NormalizedText.ToOriginal"/>).
/// Each step is a linear pass over reused buffers; nothing is allocated for ASCII input.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Normalizes into a fresh instance the caller owns (tests, tools).</summary>
    public static NormalizedText Normalize(string text)
    {
        var result = new NormalizedText();
        NormalizeInto(text, result, new NormalizedText());
        return result;
    }

    /// <summary>Normalizes using the calling thread's buffers; valid until the next call on this thread.</summary>
    internal static NormalizedText NormalizePooled(string text)
    {
        var buffers = NormalizationBuffers.Current;
        NormalizeInto(text, buffers.A, buffers.B);
        return buffers.A;
    }

    private static void NormalizeInto(string text, NormalizedText target, NormalizedText scratch)
    {
        ArgumentNullException.ThrowIfNull(text);
        Fold(text, target);
        Leet(target);
        SqueezeRepeats(target, scratch);
        JoinSpacedOut(scratch, target);
        SpelledNumbers(target, scratch);
        Copy(scratch, target);
        target.Original = text;
    }

    private static void Fold(string text, NormalizedText output)
    {
        output.Length = 0;
        output.EnsureCapacity(text.Length + 16);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c < 0x80)
            {
                if (c is '\'' or '`')
                {
                    i++;
                    continue;
                }

                var folded = c is >= 'A' and <= 'Z' ? (char)(c + 32) : char.IsControl(c) ? ' ' : c;
                output.Append(folded, i, i + 1);
                i++;
                continue;
            }

            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != OperationStatus.Done)
            {
                output.Append(' ', i, i + 1);
                i++;
                continue;
            }

            // Typographic apostrophes vanish like ASCII ones so "don’t" reads "dont".
            if (rune.Value is 0x2019 or 0x2018 or 0x02BC or 0x2032)
            {
                i += consumed;
                continue;
            }

            foreach (var f in CharacterFolding.Fold(rune))
                output.Append(f, i, i + consumed);
            i += consumed;
        }
    }

    private static bool IsAsciiLetter(char c) => c is >= 'a' and <= 'z';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static char LeetLetter(char c) => c switch
    {
        '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '5' => 's', '7' => 't', '8' => 'b', '9' => 'g', '6' => 'g',
        _ => c,
    };

    /// <summary>
    /// Rewrites digits inside words ("v1d30", "p4r3nts") as letters. A token is leet when a digit run
    /// sits between letters; once one is seen, the message is in leet mode and digits at word edges
    /// ("0rtu", "y4") are rewritten too, except number-plus-unit tokens such as "1jt", "15th", "500k".
    /// </summary>
    private static void Leet(NormalizedText t)
    {
        var chars = t.Chars;
        var n = t.Length;
        var leetMode = false;
        for (var pass = 0; pass < 2; pass++)
        {
            var i = 0;
            while (i < n)
            {
                if (!IsAsciiLetter(chars[i]) && !IsDigit(chars[i]) && chars[i] != '$')
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < n && (IsAsciiLetter(chars[i]) || IsDigit(chars[i]) || chars[i] == '$'))
                    i++;
                var token = chars.AsSpan(start, i - start);
                var interior = HasInteriorDigits(token);
                if (pass == 0)
                {
                    if (interior)
                        leetMode = true;
                    continue;
                }

                if (interior || (leetMode && IsLeetCandidate(token)))
                {
                    for (var k = 0; k < token.Length; k++)
                        token[k] = token[k] == '$' ? 's' : LeetLetter(token[k]);
                }
            }

            if (!leetMode)
                return;
        }
    }

    private static bool HasInteriorDigits(ReadOnlySpan<char> token)
    {
        for (var k = 1; k < token.Length - 1; k++)
        {
            if (!IsDigit(token[k]) && token[k] != '$')
                continue;
            if (!IsAsciiLetter(token[k - 1]))
                continue;
            var e = k;
            while (e < token.Length && (IsDigit(token[e]) || token[e] == '$'))
                e++;
            if (e < token.Length && IsAsciiLetter(token[e]))
                return true;
        }

        return false;
    }

    private static bool IsLeetCandidate(ReadOnlySpan<char> token)
    {
        var letters = 0;
        var digits = 0;
        foreach (var c in token)
        {
            if (IsAsciiLetter(c)) letters++;
            else if (IsDigit(c)) digits++;
        }

        if (letters == 0 || digits == 0)
            return false;
        // "2" marks Indonesian reduplication ("temen2"), never a letter.
        if (token.Contains('2'))
            return false;
        // Number followed by a unit: keep "1jt", "17f", "8th".
        if (IsDigit(token[0]))
        {
            var unitStart = 0;
            while (unitStart < token.Length && IsDigit(token[unitStart])) unitStart++;
            if (IsUnit(token[unitStart..]))
                return false;
        }

        return true;
    }

    private static readonly string[] Units =
    [
        "jt", "rb", "k", "x", "th", "st", "nd", "rd", "pm", "am", "hr", "hrs", "h", "yo", "f", "m", "km", "kg", "cm",
        "min", "mins", "an", "thn", "gb", "mb", "s", "jam", "d", "yr", "yrs", "mo", "ft", "lbs", "kb", "p", "g",
    ];

    private static bool IsUnit(ReadOnlySpan<char> suffix)
    {
        foreach (var unit in Units)
            if (suffix.SequenceEqual(unit))
                return true;
        return false;
    }

    /// <summary>Three or more of the same letter become one ("pleeease", "kangeeen").</summary>
    private static void SqueezeRepeats(NormalizedText src, NormalizedText dst)
    {
        dst.Length = 0;
        dst.EnsureCapacity(src.Length);
        var i = 0;
        while (i < src.Length)
        {
            var c = src.Chars[i];
            var j = i + 1;
            while (j < src.Length && src.Chars[j] == c)
                j++;
            var run = j - i;
            if (run >= 3 && char.IsLetter(c))
                dst.Append(c, src.Starts[i], src.Ends[j - 1]);
            else
                for (var k = i; k < j; k++)
                    dst.Append(c, src.Starts[k], src.Ends[k]);
            i = j;
        }
    }

    /// <summary>
    /// "w h a t s a p p" → "whatsapp", "h a v e n - l o g i n . t e s t" → "haven-login.test",
    /// "1 5" → "15". A run of single characters separated by single spaces is joined when it has at
    /// least four members (two when all are digits).
    /// </summary>
    private static void JoinSpacedOut(NormalizedText src, NormalizedText dst)
    {
        dst.Length = 0;
        dst.EnsureCapacity(src.Length);
        var chars = src.Chars;
        var n = src.Length;
        var i = 0;
        while (i < n)
        {
            if (IsSingle(chars, n, i))
            {
                var end = i;
                var count = 1;
                var allDigits = IsDigit(chars[i]);
                var alnum = char.IsLetterOrDigit(chars[i]) ? 1 : 0;
                while (end + 2 < n && chars[end + 1] == ' ' && IsSingle(chars, n, end + 2))
                {
                    end += 2;
                    count++;
                    allDigits &= IsDigit(chars[end]);
                    if (char.IsLetterOrDigit(chars[end])) alnum++;
                }

                if ((count >= 4 && alnum >= 3) || (count >= 2 && allDigits))
                {
                    for (var k = i; k <= end; k += 2)
                        dst.Append(chars[k], src.Starts[k], src.Ends[k]);
                    i = end + 1;
                    continue;
                }

                for (var k = i; k <= end; k++)
                    dst.Append(chars[k], src.Starts[k], src.Ends[k]);
                i = end + 1;
                continue;
            }

            dst.Append(chars[i], src.Starts[i], src.Ends[i]);
            i++;
        }
    }

    private static bool IsSingle(char[] chars, int n, int i) =>
        chars[i] != ' ' && (i == 0 || chars[i - 1] == ' ') && (i + 1 >= n || chars[i + 1] == ' ');

    /// <summary>Runs of two or more digit words become digits; teen words and "lima belas" become numbers.</summary>
    private static void SpelledNumbers(NormalizedText src, NormalizedText dst)
    {
        dst.Length = 0;
        dst.EnsureCapacity(src.Length);
        var chars = src.Chars;
        var n = src.Length;
        var i = 0;
        while (i < n)
        {
            if (!IsAsciiLetter(chars[i]) || (i > 0 && char.IsLetterOrDigit(chars[i - 1])))
            {
                dst.Append(chars[i], src.Starts[i], src.Ends[i]);
                i++;
                continue;
            }

            var wordEnd = WordEnd(chars, n, i);
            var word = chars.AsSpan(i, wordEnd - i);
            if (NumberWords.TryStandalone(word, out var number))
            {
                EmitNumber(dst, number, src.Starts[i], src.Ends[wordEnd - 1]);
                i = wordEnd;
                continue;
            }

            if (NumberWords.TryDigit(word, out var digit))
            {
                // "lima belas" = 15
                var next = SkipSpaces(chars, n, wordEnd);
                if (next < n && IsAsciiLetter(chars[next]))
                {
                    var nextEnd = WordEnd(chars, n, next);
                    if (NumberWords.IsBelas(chars.AsSpan(next, nextEnd - next)) && digit != "0")
                    {
                        EmitNumber(dst, "1" + digit, src.Starts[i], src.Ends[nextEnd - 1]);
                        i = nextEnd;
                        continue;
                    }
                }

                // Collect a run of digit words separated by spaces only.
                var runEnd = wordEnd;
                var runCount = 1;
                var probe = next;
                while (probe < n && IsAsciiLetter(chars[probe]))
                {
                    var pe = WordEnd(chars, n, probe);
                    if (!NumberWords.TryDigit(chars.AsSpan(probe, pe - probe), out _))
                        break;
                    runCount++;
                    runEnd = pe;
                    probe = SkipSpaces(chars, n, pe);
                }

                if (runCount >= 2)
                {
                    var k = i;
                    while (k < runEnd)
                    {
                        if (!IsAsciiLetter(chars[k]))
                        {
                            k++;
                            continue;
                        }

                        var we = WordEnd(chars, n, k);
                        NumberWords.TryDigit(chars.AsSpan(k, we - k), out var d);
                        dst.Append(d[0], src.Starts[k], src.Ends[we - 1]);
                        k = we;
                    }

                    i = runEnd;
                    continue;
                }
            }

            for (var k = i; k < wordEnd; k++)
                dst.Append(chars[k], src.Starts[k], src.Ends[k]);
            i = wordEnd;
        }
    }

    private static int WordEnd(char[] chars, int n, int i)
    {
        while (i < n && IsAsciiLetter(chars[i]))
            i++;
        return i;
    }

    private static int SkipSpaces(char[] chars, int n, int i)
    {
        while (i < n && chars[i] == ' ')
            i++;
        return i;
    }

    private static void EmitNumber(NormalizedText dst, string number, int start, int end)
    {
        foreach (var c in number)
            dst.Append(c, start, end);
    }

    private static void Copy(NormalizedText src, NormalizedText dst)
    {
        dst.Length = 0;
        dst.EnsureCapacity(src.Length);
        Array.Copy(src.Chars, dst.Chars, src.Length);
        Array.Copy(src.Starts, dst.Starts, src.Length);
        Array.Copy(src.Ends, dst.Ends, src.Length);
        dst.Length = src.Length;
    }
}
