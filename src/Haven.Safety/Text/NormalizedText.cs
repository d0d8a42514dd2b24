namespace Haven.Safety.Text;

/// <summary>
/// The normalized form of one message plus, for every normalized character, the range of the
/// original text it came from. Buffers belong to a <see cref="NormalizationBuffers"/> and are reused,
/// so an instance is only valid until the next normalization on the same buffers.
/// </summary>
public sealed class NormalizedText
{
    internal char[] Chars = new char[256];
    internal int[] Starts = new int[256];
    internal int[] Ends = new int[256];

    public string Original { get; internal set; } = string.Empty;

    public int Length { get; internal set; }

    public ReadOnlySpan<char> Span => Chars.AsSpan(0, Length);

    public override string ToString() => new(Span);

    /// <summary>Maps a normalized range back to the original text; always inside the original string.</summary>
    public TextSpan ToOriginal(int start, int length)
    {
        if (Length == 0 || length <= 0)
            return new TextSpan(0, 0);
        start = Math.Clamp(start, 0, Length - 1);
        var last = Math.Clamp(start + length - 1, start, Length - 1);
        var s = Starts[start];
        var e = Math.Max(Ends[last], s);
        return new TextSpan(s, Math.Min(e, Original.Length) - s);
    }

    internal void EnsureCapacity(int capacity)
    {
        if (Chars.Length >= capacity)
            return;
        var size = Math.Max(capacity, Chars.Length * 2);
        Chars = new char[size];
        Starts = new int[size];
        Ends = new int[size];
    }

    internal void Append(char c, int start, int end)
    {
        if (Length == Chars.Length)
            Grow();
        Chars[Length] = c;
        Starts[Length] = start;
        Ends[Length] = end;
        Length++;
    }

    private void Grow()
    {
        var size = Chars.Length * 2;
        Array.Resize(ref Chars, size);
        Array.Resize(ref Starts, size);
        Array.Resize(ref Ends, size);
    }
}
