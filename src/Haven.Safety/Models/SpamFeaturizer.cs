using System.Globalization;
using System.Runtime.CompilerServices;

namespace Haven.Safety.Models;

/// <summary>
/// Turns a message into hashed word unigrams and bigrams, hashed character n-grams and a few dense
/// features, in one pass over the text, without allocating: each feature goes straight to a sink.
/// </summary>
/// <remarks>
/// Normalization, applied as characters are read: letters are lower-cased, every digit becomes '0'
/// (a model should learn "a long number", not one particular phone number), whitespace runs become one
/// space and runs of the same letter or symbol are cut to three ("sooooo" and "so" stay apart, but all
/// of "soooo", "sooooooo" look alike). Words are runs of letters and digits. Character n-grams run over
/// the normalized text with a space before and after it, so they see word boundaries. Character
/// n-grams are hashed newest character first, which lets one rolling hash yield every n-gram length.
/// </remarks>
public static class SpamFeaturizer
{
    private const int LongNumberDigits = 5;
    private const int MaxRun = 3;
    private const float LengthUnit = 160f;
    private const float MaxLength = 3f;

    private static readonly uint[] UrlWords = HashAll("http", "https", "www");
    private static readonly uint[] TopLevelDomains = HashAll(
        "com", "net", "org", "co", "id", "uk", "ly", "info", "biz", "me", "io", "gl", "xyz", "site", "online", "ws");
    private static readonly uint[] CurrencyWords = HashAll("rp", "idr", "usd", "eur", "gbp");

    /// <summary>Feeds every hashed feature of <paramref name="text"/> to <paramref name="sink"/> and returns the dense features.</summary>
    public static SpamDenseFeatures Featurize<TSink>(ReadOnlySpan<char> text, in SpamFeaturizerSettings settings, ref TSink sink)
        where TSink : ISpamFeatureSink, allows ref struct
    {
        var mask = (uint)settings.BucketCount - 1;
        var wordSeed = settings.Seed * 0x9E3779B1u;
        var bigramSeed = settings.Seed * 0x85EBCA77u + 1;
        var charSeed = StableHash.Offset32 ^ (settings.Seed * 0xC2B2AE3Du);
        var minGram = settings.MinCharGram;
        var maxGram = settings.MaxCharGram;
        var bigrams = settings.WordBigrams;

        var limit = Math.Min(text.Length, settings.MaxChars);
        ulong window = ' ';
        var windowLength = 1;
        var last = ' ';
        var run = 1;

        var wordHash = 0u;
        var wordLength = 0;
        var previousWord = 0u;
        var hasPreviousWord = false;
        var wordAfterDot = false;

        int letters = 0, upper = 0, digits = 0, nonSpace = 0, digitRun = 0;
        bool url = false, currency = false, longNumber = false, exclamation = false;

        for (var i = 0; i < limit; i++)
        {
            var c = text[i];
            char n;
            bool isWordChar;
            var kind = Classify(c);
            if (kind == CharKind.Space)
            {
                n = ' ';
                isWordChar = false;
                digitRun = 0;
            }
            else if (kind is CharKind.Lower or CharKind.Upper)
            {
                letters++;
                nonSpace++;
                if (kind == CharKind.Upper)
                    upper++;
                n = c < 128 ? (char)(c | 0x20) : char.ToLowerInvariant(c);
                isWordChar = true;
                digitRun = 0;
            }
            else if (kind == CharKind.Digit)
            {
                digits++;
                nonSpace++;
                if (++digitRun >= LongNumberDigits)
                    longNumber = true;
                n = '0';
                isWordChar = true;
            }
            else
            {
                nonSpace++;
                digitRun = 0;
                n = c;
                isWordChar = false;
                if (c == '!')
                    exclamation = true;
                else if (c > '\u007f' || c == '$')
                    currency |= CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol;
            }

            if (n == last)
            {
                run++;
                if (n == ' ' || (n != '0' && run > MaxRun))
                    continue;
            }
            else
            {
                run = 1;
            }

            if (isWordChar)
            {
                if (wordLength == 0)
                {
                    wordHash = StableHash.Offset32;
                    wordAfterDot = last == '.';
                }

                wordHash = StableHash.Step(wordHash, n);
                wordLength++;
            }
            else if (wordLength > 0)
            {
                EndWord(ref sink, wordHash, wordAfterDot, ref previousWord, ref hasPreviousWord, ref url, ref currency,
                    wordSeed, bigramSeed, bigrams, mask);
                wordLength = 0;
            }

            EmitCharGrams(ref sink, window, windowLength, n, charSeed, minGram, maxGram, mask);
            window = (window << 16) | n;
            if (windowLength < SpamFeaturizerSettings.MaxCharGramLimit - 1)
                windowLength++;
            last = n;
        }

        if (wordLength > 0)
            EndWord(ref sink, wordHash, wordAfterDot, ref previousWord, ref hasPreviousWord, ref url, ref currency,
                wordSeed, bigramSeed, bigrams, mask);
        if (last != ' ')
            EmitCharGrams(ref sink, window, windowLength, ' ', charSeed, minGram, maxGram, mask);

        return new SpamDenseFeatures(
            url, currency, longNumber, exclamation,
            nonSpace == 0 ? 0f : (float)digits / nonSpace,
            letters == 0 ? 0f : (float)upper / letters,
            Math.Min(limit / LengthUnit, MaxLength));
    }

    private enum CharKind : byte
    {
        Other,
        Space,
        Lower,
        Upper,
        Digit,
    }

    /// <summary>ASCII is classified with range checks (most chat text); everything else through the Unicode tables.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static CharKind Classify(char c)
    {
        if (c < 128)
        {
            if ((uint)(c - 'a') <= 'z' - 'a')
                return CharKind.Lower;
            if ((uint)(c - 'A') <= 'Z' - 'A')
                return CharKind.Upper;
            if ((uint)(c - '0') <= 9)
                return CharKind.Digit;
            return c == ' ' || (uint)(c - '\t') <= '\r' - '\t' ? CharKind.Space : CharKind.Other;
        }

        if (char.IsWhiteSpace(c))
            return CharKind.Space;
        if (char.IsLetter(c))
            return char.IsUpper(c) ? CharKind.Upper : CharKind.Lower;
        return char.IsDigit(c) ? CharKind.Digit : CharKind.Other;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EndWord<TSink>(ref TSink sink, uint wordHash, bool afterDot, ref uint previousWord, ref bool hasPreviousWord,
        ref bool url, ref bool currency, uint wordSeed, uint bigramSeed, bool bigrams, uint mask)
        where TSink : ISpamFeatureSink, allows ref struct
    {
        sink.AddWord((int)(StableHash.Finish(wordHash ^ wordSeed) & mask));
        if (bigrams && hasPreviousWord)
            sink.AddWord((int)(StableHash.Finish(StableHash.Finish(previousWord ^ bigramSeed) ^ wordHash) & mask));

        if (!url && (Contains(UrlWords, wordHash) || (afterDot && hasPreviousWord && Contains(TopLevelDomains, wordHash))))
            url = true;
        if (!currency && Contains(CurrencyWords, wordHash))
            currency = true;

        previousWord = wordHash;
        hasPreviousWord = true;
    }

    /// <summary>Emits the n-grams that end with <paramref name="current"/>; <paramref name="window"/> holds the previous characters, newest in the low 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EmitCharGrams<TSink>(ref TSink sink, ulong window, int windowLength, char current, uint seed,
        int minGram, int maxGram, uint mask)
        where TSink : ISpamFeatureSink, allows ref struct
    {
        var available = Math.Min(maxGram, windowLength + 1);
        var hash = StableHash.Step(seed, current);
        for (var length = 2; length <= available; length++)
        {
            hash = StableHash.Step(hash, (char)(window & 0xFFFF));
            window >>= 16;
            if (length >= minGram)
                sink.AddChar((int)(StableHash.Finish(hash) & mask));
        }

        if (minGram == 1)
            sink.AddChar((int)(StableHash.Finish(StableHash.Step(seed, current)) & mask));
    }

    private static bool Contains(uint[] hashes, uint hash)
    {
        foreach (var h in hashes)
        {
            if (h == hash)
                return true;
        }

        return false;
    }

    private static uint[] HashAll(params string[] words) => Array.ConvertAll(words, w => StableHash.Hash32(w));
}
