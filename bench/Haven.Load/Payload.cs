namespace Haven.Load;

/// <summary>
/// Message text: 16 hex digits of the scheduled send time (Stopwatch ticks), then a plain sentence
/// as padding up to the configured length, so every target carries the same bytes.
/// </summary>
public static class Payload
{
    private const string Filler = " Hello! How was your day? I hope the walk by the river went well and the rain held off.";
    public const int MinimumLength = 17;

    public static string Text(long scheduled, int length) =>
        string.Create(Math.Max(length, MinimumLength), scheduled, static (span, ticks) =>
        {
            ticks.TryFormat(span[..16], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
            for (var i = 16; i < span.Length; i++)
                span[i] = Filler[(i - 16) % Filler.Length];
        });

    public static long Parse(ReadOnlySpan<char> text) =>
        text.Length >= 16 && long.TryParse(text[..16], System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var ticks)
            ? ticks
            : -1;

    public static long Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length < 16)
            return -1;
        long value = 0;
        foreach (var b in utf8[..16])
        {
            int digit = b switch
            {
                >= (byte)'0' and <= (byte)'9' => b - '0',
                >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
                _ => -1,
            };
            if (digit < 0)
                return -1;
            value = (value << 4) | (uint)digit;
        }
        return value;
    }

    /// <summary>The same text as <see cref="Text"/>, written as UTF-8 (it is ASCII) into <paramref name="destination"/>.</summary>
    public static int WriteUtf8(long scheduled, int length, Span<byte> destination)
    {
        length = Math.Max(length, MinimumLength);
        scheduled.TryFormat(destination[..16], out _, "x16", System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 16; i < length; i++)
            destination[i] = (byte)Filler[(i - 16) % Filler.Length];
        return length;
    }
}
