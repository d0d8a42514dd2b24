namespace Haven.Safety.Models;

/// <summary>
/// Receives hashed features as <see cref="SpamFeaturizer"/> finds them, so that scoring can add up
/// weights on the fly without ever materializing a feature vector. A bucket may arrive more than once:
/// repeats count.
/// </summary>
public interface ISpamFeatureSink
{
    /// <summary>A word unigram or bigram hashed into <paramref name="bucket"/>.</summary>
    void AddWord(int bucket);

    /// <summary>A character n-gram hashed into <paramref name="bucket"/>.</summary>
    void AddChar(int bucket);
}
