namespace Haven.Safety.Models;

/// <summary>
/// The few whole-message features that hashed n-grams express poorly: links, money symbols, long
/// numbers (phone numbers, short codes), shouting and length.
/// </summary>
public readonly record struct SpamDenseFeatures(
    bool HasUrl, bool HasCurrency, bool HasLongNumber, bool HasExclamation,
    float DigitRatio, float UpperRatio, float Length)
{
    /// <summary>Number of values <see cref="CopyTo"/> writes.</summary>
    public const int Count = 7;

    /// <summary>Writes the features as numbers, in the fixed order the model's dense weights use.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < Count)
            throw new ArgumentException($"Needs room for {Count} values.", nameof(destination));
        destination[0] = HasUrl ? 1f : 0f;
        destination[1] = HasCurrency ? 1f : 0f;
        destination[2] = HasLongNumber ? 1f : 0f;
        destination[3] = HasExclamation ? 1f : 0f;
        destination[4] = DigitRatio;
        destination[5] = UpperRatio;
        destination[6] = Length;
    }
}
