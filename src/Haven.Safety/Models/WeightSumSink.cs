namespace Haven.Safety.Models;

/// <summary>
/// Adds up, per logit, the weights of every word and character feature as the featurizer emits them.
/// Words and characters are summed apart because each group is scaled by its own 1/sqrt(count).
/// </summary>
internal ref struct WeightSumSink : ISpamFeatureSink
{
    private readonly ReadOnlySpan<float> _weights;
    private readonly int _logits;
    private readonly Span<float> _wordSums;
    private readonly Span<float> _charSums;

    public WeightSumSink(ReadOnlySpan<float> weights, int logits, Span<float> wordSums, Span<float> charSums)
    {
        _weights = weights;
        _logits = logits;
        _wordSums = wordSums;
        _charSums = charSums;
    }

    public int WordCount { get; private set; }

    public int CharCount { get; private set; }

    public void AddWord(int bucket)
    {
        WordCount++;
        Add(_wordSums, bucket);
    }

    public void AddChar(int bucket)
    {
        CharCount++;
        Add(_charSums, bucket);
    }

    private readonly void Add(Span<float> sums, int bucket)
    {
        if (_logits == 1)
        {
            sums[0] += _weights[bucket];
            return;
        }

        var row = _weights.Slice(bucket * _logits, _logits);
        for (var l = 0; l < row.Length; l++)
            sums[l] += row[l];
    }
}
