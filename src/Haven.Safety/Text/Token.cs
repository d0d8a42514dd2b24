namespace Haven.Safety.Text;

/// <summary>A word or number in the normalized text. <see cref="Value"/> is the number's value, or -1.</summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind, long Value)
{
    public int End => Start + Length;
}
