using System.Numerics;

namespace Haven.Safety.Models;

/// <summary>
/// The hashed-bucket weights of a model, stored sparsely: a bitmap of buckets that have any non-zero
/// weight, a running count of set bits per 64-bucket word, and the non-zero rows packed together.
/// L1-regularized text models leave only a few thousand of 2^18 buckets non-zero, so this is ~100 KB
/// instead of megabytes and stays in the CPU caches, which is what makes per-message scoring cheap:
/// most n-grams of a message hit a zero bit in a bitmap that fits in L1/L2.
/// </summary>
internal sealed class SpamWeightTable
{
    private readonly ulong[] _present;
    private readonly int[] _rank;
    private readonly float[] _rows;

    /// <param name="interleaved">Dense weights: bucket b, logit l at b * logits + l (at least buckets * logits values).</param>
    public SpamWeightTable(ReadOnlySpan<float> interleaved, int buckets, int logits)
    {
        Buckets = buckets;
        Logits = logits;
        _present = new ulong[(buckets + 63) / 64];
        var rows = new List<float>();
        for (var b = 0; b < buckets; b++)
        {
            var row = interleaved.Slice(b * logits, logits);
            if (!row.ContainsAnyExcept(0f))
                continue;
            _present[b >> 6] |= 1UL << (b & 63);
            foreach (var w in row)
                rows.Add(w);
        }

        _rank = new int[_present.Length];
        var count = 0;
        for (var i = 0; i < _present.Length; i++)
        {
            _rank[i] = count;
            count += BitOperations.PopCount(_present[i]);
        }

        NonZeroRows = count;
        _rows = rows.ToArray();
    }

    public int Buckets { get; }

    public int Logits { get; }

    public int NonZeroRows { get; }

    public ReadOnlySpan<ulong> Present => _present;

    public ReadOnlySpan<int> Rank => _rank;

    public ReadOnlySpan<float> Rows => _rows;

    /// <summary>The weight of <paramref name="bucket"/> for <paramref name="logit"/> (0 when the bucket has none).</summary>
    public float Get(int bucket, int logit)
    {
        var row = RowIndex(_present, _rank, bucket);
        return row < 0 ? 0f : _rows[row * Logits + logit];
    }

    /// <summary>Index of the packed row of <paramref name="bucket"/>, or -1 when all its weights are zero.</summary>
    public static int RowIndex(ReadOnlySpan<ulong> present, ReadOnlySpan<int> rank, int bucket)
    {
        var word = present[bucket >> 6];
        var bit = 1UL << (bucket & 63);
        return (word & bit) == 0 ? -1 : rank[bucket >> 6] + BitOperations.PopCount(word & (bit - 1));
    }
}
