namespace Haven.Safety.Models;

/// <summary>
/// Adds up, per logit, the weights of every word and character feature as the featurizer emits them.
/// Words and characters are summed apart because each group is scaled by its own 1/sqrt(count).
/// </summary>
internal ref struct WeightSumSink : ISpamFeatureSink
{
    private readonly ReadOnlySpan<ulong> _present;
    private readonly ReadOnlySpan<int> _rank;
    private readonly ReadOnlySpan<float> _rows;
    private readonly int _logits;
    private readonly Span<float> _wordSums;
    private readonly Span<float> _charSums;

    public WeightSumSink(SpamWeightTable table, Span<float> wordSums, Span<float> charSums)
    {
        _present = table.Present;
        _rank = table.Rank;
        _rows = table.Rows;
        _logits = table.Logits;
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
        var index = SpamWeightTable.RowIndex(_present, _rank, bucket);
        if (index < 0)
            return;
        if (_logits == 1)
        {
            sums[0] += _rows[index];
            return;
        }

        var row = _rows.Slice(index * _logits, _logits);
        for (var l = 0; l < row.Length; l++)
            sums[l] += row[l];
    }
}
