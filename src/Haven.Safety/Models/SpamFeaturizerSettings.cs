namespace Haven.Safety.Models;

/// <summary>
/// How <see cref="SpamFeaturizer"/> turns text into features. These values are stored in every model
/// file because a model's weights are only meaningful with the exact featurizer that produced them.
/// </summary>
/// <param name="HashBits">Hashed features fall into 2^HashBits buckets.</param>
/// <param name="MinCharGram">Shortest character n-gram.</param>
/// <param name="MaxCharGram">Longest character n-gram (at most 5: the rolling window holds five characters).</param>
/// <param name="WordBigrams">Whether adjacent word pairs are features as well as single words.</param>
/// <param name="MaxChars">Only this many leading characters are read, which bounds the cost of one message.</param>
/// <param name="Seed">Mixed into every hash so that differently seeded models use different buckets.</param>
public readonly record struct SpamFeaturizerSettings(
    int HashBits, int MinCharGram, int MaxCharGram, bool WordBigrams, int MaxChars, uint Seed)
{
    public const int MinHashBits = 8;
    public const int MaxHashBits = 24;
    public const int MaxCharGramLimit = 5;

    /// <summary>The settings the shipped models use.</summary>
    public static SpamFeaturizerSettings Default { get; } = new(18, 2, 5, true, 1024, 0x5EED_0001u);

    /// <summary>Number of hashed buckets.</summary>
    public int BucketCount => 1 << HashBits;

    /// <summary>Length of the full feature vector: hashed buckets followed by the dense features.</summary>
    public int Dimension => BucketCount + SpamDenseFeatures.Count;

    /// <summary>Throws when a value is outside what the featurizer supports (e.g. a corrupt model file).</summary>
    public void Validate()
    {
        if (HashBits is < MinHashBits or > MaxHashBits)
            throw new InvalidDataException($"Hash bits must be between {MinHashBits} and {MaxHashBits}, not {HashBits}.");
        if (MinCharGram < 1 || MaxCharGram > MaxCharGramLimit || MinCharGram > MaxCharGram)
            throw new InvalidDataException($"Character n-gram range {MinCharGram}..{MaxCharGram} is not within 1..{MaxCharGramLimit}.");
        if (MaxChars < 1)
            throw new InvalidDataException($"MaxChars must be positive, not {MaxChars}.");
    }
}
