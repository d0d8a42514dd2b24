namespace Haven.Safety.Text;

/// <summary>A range of the original (un-normalized) message text, used as evidence.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public string Slice(string original) => original.Substring(Start, Length);
}
