namespace Haven.Load;

/// <summary>
/// Message text: the scheduled send time (Stopwatch ticks) as 16 letters, one per hex nibble ('a' = 0 … 'p' = 15),
/// then a plain sentence as padding up to the configured length, so every target carries the same bytes.
/// Letters rather than digits: a run of digits reads as a phone or ID number to Haven's safety engine, which
/// would rightly ask "are you sure?" instead of relaying it.
/// </summary>
public static class Payload
{
    private const string Filler = " Hello! How was your day? I hope the walk by the river went well and the rain held off.";
    public const int MinimumLength = 17;

    public static string Text(long scheduled, int length) =>
        string.Create(Math.Max(length, MinimumLength), scheduled, static (span, ticks) =>
        {
            for (var i = 0; i < 16; i++)
                span[i] = (char)('a' + ((ticks >> (4 * (15 - i))) & 0xF));
            for (var i = 16; i < span.Length; i++)
                span[i] = Filler[(i - 16) % Filler.Length];
        });

    /// <summary>A message's client id: time-ordered (version 7), as Haven's own clients send, or random (version 4).</summary>
    public static Guid ClientMessageId(bool random) => random ? Guid.NewGuid() : Guid.CreateVersion7();

    public static long Parse(ReadOnlySpan<char> text)
    {
        if (text.Length < 16)
            return -1;
        long value = 0;
        foreach (var c in text[..16])
        {
            if (c is < 'a' or > 'p')
                return -1;
            value = (value << 4) | (uint)(c - 'a');
        }

        return value;
    }

    public static long Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 16)
            return -1;
        long value = 0;
        foreach (var b in utf8[..16])
        {
            if (b is < (byte)'a' or > (byte)'p')
                return -1;
            value = (value << 4) | (uint)(b - 'a');
        }

        return value;
    }

    /// <summary>The same text as <see cref="Text"/>, written as UTF-8 (it is ASCII) into <paramref name="destination"/>.</summary>
    public static int WriteUtf8(long scheduled, int length, Span<byte> destination)
    {
        length = Math.Max(length, MinimumLength);
        for (var i = 0; i < 16; i++)
            destination[i] = (byte)('a' + ((scheduled >> (4 * (15 - i))) & 0xF));
        for (var i = 16; i < length; i++)
            destination[i] = (byte)Filler[(i - 16) % Filler.Length];
        return length;
    }
}
