namespace Haven.Safety.Models;

/// <summary>
/// The explicit sparse feature vector of a message, as trainers need it: sorted distinct indices with
/// values. Word and character counts are each scaled by 1/sqrt(number of features in their group),
/// and the dense features follow the hashed buckets. <see cref="SpamModel.Score"/> computes the same
/// dot product without building this vector.
/// </summary>
public sealed class SpamFeatureVector
{
    private SpamFeatureVector(int dimension, int[] indices, float[] values)
    {
        Dimension = dimension;
        Indices = indices;
        Values = values;
    }

    public int Dimension { get; }

    public int[] Indices { get; }

    public float[] Values { get; }

    public static SpamFeatureVector Build(ReadOnlySpan<char> text, SpamFeaturizerSettings settings)
    {
        var sink = new CountingSink(new Dictionary<int, int>(), new Dictionary<int, int>());
        var dense = SpamFeaturizer.Featurize(text, settings, ref sink);
        var wordScale = sink.WordTotal == 0 ? 0f : 1f / MathF.Sqrt(sink.WordTotal);
        var charScale = sink.CharTotal == 0 ? 0f : 1f / MathF.Sqrt(sink.CharTotal);

        var values = new SortedDictionary<int, float>();
        foreach (var (bucket, count) in sink.Words)
            values[bucket] = count * wordScale;
        foreach (var (bucket, count) in sink.Chars)
            values[bucket] = values.GetValueOrDefault(bucket) + count * charScale;

        Span<float> denseValues = stackalloc float[SpamDenseFeatures.Count];
        dense.CopyTo(denseValues);
        for (var j = 0; j < denseValues.Length; j++)
        {
            if (denseValues[j] != 0f)
                values[settings.BucketCount + j] = denseValues[j];
        }

        return new SpamFeatureVector(settings.Dimension, values.Keys.ToArray(), values.Values.ToArray());
    }

    private struct CountingSink(Dictionary<int, int> words, Dictionary<int, int> chars) : ISpamFeatureSink
    {
        public readonly Dictionary<int, int> Words => words;

        public readonly Dictionary<int, int> Chars => chars;

        public int WordTotal { get; private set; }

        public int CharTotal { get; private set; }

        public void AddWord(int bucket)
        {
            WordTotal++;
            words[bucket] = words.GetValueOrDefault(bucket) + 1;
        }

        public void AddChar(int bucket)
        {
            CharTotal++;
            chars[bucket] = chars.GetValueOrDefault(bucket) + 1;
        }
    }
}
