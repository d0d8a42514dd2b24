namespace Haven.Safety.Evaluation;

/// <summary>
/// Accumulates gold and predicted label sets, one item at a time, and turns them into an
/// <see cref="EvaluationReport"/>. Works for single-label tasks too (sets of one label).
/// </summary>
public sealed class EvaluationScorer
{
    private readonly string _task;
    private readonly string _input;
    private readonly HashSet<string> _labels;
    private readonly HashSet<string> _binaryPositive;
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _counts = new(StringComparer.Ordinal);
    private int _count, _tp, _fp, _fn, _tn;

    /// <param name="labels">The labels reported per label (e.g. every label except "none").</param>
    /// <param name="binaryPositive">Labels whose presence makes an item positive for the binary score.</param>
    public EvaluationScorer(string task, string input, IEnumerable<string> labels, IEnumerable<string> binaryPositive)
    {
        _task = task;
        _input = input;
        _labels = new HashSet<string>(labels, StringComparer.Ordinal);
        _binaryPositive = new HashSet<string>(binaryPositive, StringComparer.Ordinal);
        foreach (var label in _labels)
            _counts[label] = (0, 0, 0);
    }

    public void Add(IReadOnlyCollection<string> gold, IReadOnlyCollection<string> predicted)
    {
        _count++;
        foreach (var label in _labels)
        {
            var g = gold.Contains(label);
            var p = predicted.Contains(label);
            var (tp, fp, fn) = _counts[label];
            _counts[label] = (tp + (g && p ? 1 : 0), fp + (!g && p ? 1 : 0), fn + (g && !p ? 1 : 0));
        }

        var goldPositive = gold.Any(_binaryPositive.Contains);
        var predictedPositive = predicted.Any(_binaryPositive.Contains);
        AddBinary(goldPositive, predictedPositive);
    }

    /// <summary>Adds an item judged only as positive or negative (conversation-level tasks).</summary>
    public void AddBinary(bool goldPositive, bool predictedPositive)
    {
        if (goldPositive && predictedPositive) _tp++;
        else if (!goldPositive && predictedPositive) _fp++;
        else if (goldPositive) _fn++;
        else _tn++;
    }

    /// <summary>Counts an item for per-label scores without touching the binary counts.</summary>
    public void AddLabelsOnly(IReadOnlyCollection<string> gold, IReadOnlyCollection<string> predicted)
    {
        _count++;
        foreach (var label in _labels)
        {
            var g = gold.Contains(label);
            var p = predicted.Contains(label);
            var (tp, fp, fn) = _counts[label];
            _counts[label] = (tp + (g && p ? 1 : 0), fp + (!g && p ? 1 : 0), fn + (g && !p ? 1 : 0));
        }
    }

    public EvaluationReport Build()
    {
        var labels = new SortedDictionary<string, LabelScores>(StringComparer.Ordinal);
        foreach (var (label, (tp, fp, fn)) in _counts)
        {
            var s = Compute(tp, fp, fn);
            labels[label] = new LabelScores(s.Precision, s.Recall, s.F1, s.F05, tp + fn);
        }

        var macro = labels.Count == 0
            ? new Scores(0, 0, 0, 0)
            : new Scores(
                labels.Values.Average(l => l.Precision),
                labels.Values.Average(l => l.Recall),
                labels.Values.Average(l => l.F1),
                labels.Values.Average(l => l.F05));

        var b = Compute(_tp, _fp, _fn);
        var binary = new BinaryScores(_binaryPositive.Order(StringComparer.Ordinal).ToList(),
            b.Precision, b.Recall, b.F1, b.F05, _tp, _fp, _fn, _tn);
        return new EvaluationReport(_task, _input, _count, labels, macro, binary);
    }

    public static Scores Compute(int tp, int fp, int fn)
    {
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        return new Scores(precision, recall, FBeta(precision, recall, 1), FBeta(precision, recall, 0.5));
    }

    private static double FBeta(double precision, double recall, double beta)
    {
        var b2 = beta * beta;
        var denominator = b2 * precision + recall;
        return denominator == 0 ? 0 : (1 + b2) * precision * recall / denominator;
    }
}
