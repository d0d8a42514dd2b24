using Haven.Safety.Models;

namespace Haven.Cli.Safety;

/// <summary>
/// Inverse document frequency per hashed bucket, computed on the training rows. Training multiplies
/// each feature by its IDF; the exported weights have the IDF folded in (w' = w × idf), which is exact
/// because scoring is linear in per-occurrence counts, so the scorer needs no IDF table at run time.
/// Dense features keep a factor of 1.
/// </summary>
public static class TrainIdf
{
    /// <returns>One factor per feature: ln((1 + n) / (1 + df)) + 1 for buckets, 1 for dense features.</returns>
    public static float[] Compute(IReadOnlyList<SpamFeatureVector> vectors, SpamFeaturizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        var documentFrequency = new int[settings.BucketCount];
        foreach (var vector in vectors)
        {
            foreach (var index in vector.Indices)
            {
                if (index < settings.BucketCount)
                    documentFrequency[index]++;
            }
        }

        var factors = new float[settings.Dimension];
        var n = vectors.Count;
        for (var b = 0; b < settings.BucketCount; b++)
            factors[b] = (float)(Math.Log((1.0 + n) / (1.0 + documentFrequency[b])) + 1.0);
        for (var j = settings.BucketCount; j < settings.Dimension; j++)
            factors[j] = 1f;
        return factors;
    }
}
