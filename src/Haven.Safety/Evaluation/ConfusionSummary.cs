namespace Haven.Safety.Evaluation;

/// <summary>
/// Counts, per gold label, how often each label was predicted (the diagonal is the hits); "none" stands
/// for "no label". For multi-label rows every gold label is paired with every predicted label.
/// </summary>
public sealed class ConfusionSummary
{
    public const string NoLabel = "none";

    private readonly SortedDictionary<string, SortedDictionary<string, int>> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, SortedDictionary<string, int>> Counts => _counts;

    public void Add(IReadOnlyCollection<string> gold, IReadOnlyCollection<string> predicted)
    {
        var goldLabels = gold.Count == 0 ? [NoLabel] : gold;
        var predictedLabels = predicted.Count == 0 ? [NoLabel] : predicted;
        foreach (var g in goldLabels)
        {
            if (!_counts.TryGetValue(g, out var row))
                _counts[g] = row = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var p in predictedLabels)
                row[p] = row.GetValueOrDefault(p) + 1;
        }
    }
}
