namespace Haven.Safety.Text;

/// <summary>
/// Splits normalized text into words and numbers. Letters and digits are split apart
/// ("17f" → "17" "f", "500rb" → "500" "rb") so number-plus-unit forms read like the spaced ones.
/// </summary>
internal static class Tokenizer
{
    public static int Tokenize(ReadOnlySpan<char> text, ref Token[] tokens)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (!char.IsLetterOrDigit(c))
            {
                i++;
                continue;
            }

            var start = i;
            var digit = char.IsAsciiDigit(c);
            while (i < text.Length && char.IsLetterOrDigit(text[i]) && char.IsAsciiDigit(text[i]) == digit)
                i++;
            if (count == tokens.Length)
                Array.Resize(ref tokens, tokens.Length * 2);
            long value = -1;
            if (digit)
            {
                value = 0;
                for (var k = start; k < i && k - start < 15; k++)
                    value = value * 10 + (text[k] - '0');
            }

            tokens[count++] = new Token(start, i - start, digit ? TokenKind.Number : TokenKind.Word, value);
        }

        return count;
    }
}
