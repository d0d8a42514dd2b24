using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>
/// Finds personal data in normalized text: phone numbers (libphonenumber length rules), e-mail
/// addresses, bank account numbers (digits after a bank word), Indonesian NIK/KK (16 digits) and other
/// ID numbers after an ID word, street addresses (house number + street word, "Jl. … No. 17"),
/// and coordinates. Works on the normalized text so "nol delapan…", "0️⃣8️⃣1️⃣2️⃣" and "５５５" count.
/// </summary>
internal static class PiiScanner
{
    public static PiiFacts Scan(ScanContext c)
    {
        var text = c.Normalized;
        TextSpan? phone = null, email = null, bank = null, id = null, location = null;
        Span<char> digits = stackalloc char[24];
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch == '@')
            {
                if (email is null && TryEmail(text, i, out var es, out var el))
                    email = c.NormalizedSpan(es, el);
                i++;
                continue;
            }

            var plus = ch == '+' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (!char.IsAsciiDigit(ch) && !plus)
            {
                i++;
                continue;
            }

            if (i > 0 && (char.IsAsciiLetter(text[i - 1]) || text[i - 1] == '_'))
            {
                // digits glued to a word are part of a name or handle, not a number
                i++;
                while (i < text.Length && char.IsAsciiLetterOrDigit(text[i])) i++;
                continue;
            }

            if (TryCoordinates(text, i, out var coordinateLength))
            {
                location ??= c.NormalizedSpan(i, coordinateLength);
                i += coordinateLength;
                continue;
            }

            var start = plus ? i + 1 : i;
            var end = ReadDigitRun(text, start, digits, out var count);
            if (count >= 6 && !IsAmount(c, text, start, end))
            {
                var span = c.NormalizedSpan(i, end - i);
                var token = TokenAt(c, start);
                if (count == 16 || (count >= 6 && c.Has(Cue.IdContext) && NearBefore(c, Cue.IdContext, token, 8)))
                    id ??= span;
                else if (count >= 8 && NearBefore(c, Cue.BankContext, token, 8))
                    bank ??= span;
                else if (PhoneNumbers.IsPossible(digits[..Math.Min(count, digits.Length)], plus))
                    phone ??= span;
                else if (count >= 9)
                    id ??= span;
            }

            i = Math.Max(end, i + 1);
        }

        return new PiiFacts(phone, email, bank, id, FindAddress(c), location, null);
    }

    /// <summary>Reads digits with single separators between groups ("0812-5550 6677", "0857, 5550").</summary>
    private static int ReadDigitRun(ReadOnlySpan<char> text, int i, Span<char> digits, out int count)
    {
        count = 0;
        var groupLength = 0;
        while (i < text.Length)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                if (count < digits.Length) digits[count] = text[i];
                count++;
                groupLength++;
                i++;
                continue;
            }

            var sep = text[i];
            if (sep is ' ' or '-' or '.' or '(' or ')' or '/' && i + 1 < text.Length
                && (char.IsAsciiDigit(text[i + 1]) || (text[i + 1] == '(' && i + 2 < text.Length && char.IsAsciiDigit(text[i + 2]))))
            {
                i++;
                groupLength = 0;
                continue;
            }

            if (sep == ',' && groupLength >= 3 && i + 2 < text.Length && text[i + 1] == ' ' && GroupAhead(text, i + 2) >= 3)
            {
                i += 2;
                groupLength = 0;
                continue;
            }

            break;
        }

        return i;
    }

    private static int GroupAhead(ReadOnlySpan<char> text, int i)
    {
        var n = 0;
        while (i + n < text.Length && char.IsAsciiDigit(text[i + n])) n++;
        return n;
    }

    private static bool IsAmount(ScanContext c, ReadOnlySpan<char> text, int start, int end)
    {
        var back = text[..start].TrimEnd(' ');
        if (back.EndsWith("$") || back.EndsWith("rp") || back.EndsWith("idr") || back.EndsWith("€") || back.EndsWith("£"))
            return true;
        var token = TokenAt(c, end - 1);
        return c.IsAmount(token);
    }

    private static int TokenAt(ScanContext c, int charIndex)
    {
        var tokens = c.Tokens;
        for (var t = 0; t < tokens.Length; t++)
            if (tokens[t].End > charIndex)
                return t;
        return tokens.Length - 1;
    }

    private static bool NearBefore(ScanContext c, Cue cue, int token, int distance) =>
        c.EndsBefore(cue, token, distance) || c.Covers(cue, token);

    private static bool TryEmail(ReadOnlySpan<char> text, int at, out int start, out int length)
    {
        start = at;
        while (start > 0 && IsLocalChar(text[start - 1])) start--;
        var end = at + 1;
        var dot = false;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.'))
        {
            dot |= text[end] == '.';
            end++;
        }

        while (end > at + 1 && text[end - 1] == '.') end--;
        length = end - start;
        return start < at && dot && end - at > 3;
    }

    private static bool IsLocalChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '%';

    /// <summary>"-6.2250, 106.8000" or "40.7411, -73.9897".</summary>
    private static bool TryCoordinates(ReadOnlySpan<char> text, int i, out int length)
    {
        length = 0;
        var start = i > 0 && text[i - 1] == '-' ? i - 1 : i;
        var p = i;
        if (!Decimal(text, ref p)) return false;
        if (p < text.Length && text[p] == ',') p++;
        else return false;
        while (p < text.Length && text[p] == ' ') p++;
        if (p < text.Length && text[p] == '-') p++;
        if (!Decimal(text, ref p)) return false;
        length = p - start;
        return true;
    }

    private static bool Decimal(ReadOnlySpan<char> text, ref int p)
    {
        var intDigits = 0;
        while (p < text.Length && char.IsAsciiDigit(text[p])) { p++; intDigits++; }
        if (intDigits is < 1 or > 3 || p >= text.Length || text[p] != '.') return false;
        p++;
        var frac = 0;
        while (p < text.Length && char.IsAsciiDigit(text[p])) { p++; frac++; }
        return frac >= 3;
    }

    /// <summary>
    /// English: a house number up to three words before a street word ("42 Maple Street").
    /// Indonesian: a street word then a number within five words ("Jl. Melati No. 17", "blok F no. 9").
    /// Also "room 1408 at …", and an address word followed by a number.
    /// </summary>
    private static TextSpan? FindAddress(ScanContext c)
    {
        foreach (var hit in c.Hits)
        {
            if (hit.Cue == Cue.StreetWord)
            {
                for (var t = hit.FirstToken - 1; t >= 0 && t >= hit.FirstToken - 3; t--)
                    if (c.Tokens[t].Kind == TokenKind.Number && !c.IsAmount(t) && c.Tokens[t].Length <= 5)
                        return c.TokenSpan(t, hit.LastToken);
            }
            else if (hit.Cue is Cue.StreetWordId or Cue.AddressLead)
            {
                var limit = hit.Cue == Cue.AddressLead ? 6 : 5;
                for (var t = hit.LastToken + 1; t < c.TokenCount && t <= hit.LastToken + limit; t++)
                    if (c.Tokens[t].Kind == TokenKind.Number && !c.IsAmount(t) && !c.StartsAfter(Cue.NonAgeUnit, t, 1))
                        return c.TokenSpan(hit.FirstToken, t);
            }
        }

        return null;
    }
}
