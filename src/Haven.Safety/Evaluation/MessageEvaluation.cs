using Haven.Safety.Detection;

namespace Haven.Safety.Evaluation;

/// <summary>
/// Scores the engine on a messages file: multi-label per-label scores for every label except "none",
/// their macro average, and a binary score where any label is positive. Also counts, for the confusion
/// summary, which wrong labels were predicted for each gold label.
/// </summary>
public static class MessageEvaluation
{
    public const string Task = "messages";

    public static EvaluationOutcome Evaluate(IReadOnlyList<LabelledMessage> rows, SafetyEngine engine, string input)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(engine);
        var labels = SignalKindLabels.MessageLabels;
        var scorer = new EvaluationScorer(Task, input, labels, labels);
        var confusion = new ConfusionSummary();
        var errors = new List<EvaluationError>();
        foreach (var row in rows)
        {
            var result = engine.Scan(row.Text);
            var predicted = result.Signals.Where(s => s.Kind != SignalKind.Spam).Select(s => s.Kind.ToLabel()).Distinct().ToArray();
            scorer.Add(row.Labels, predicted);
            confusion.Add(row.Labels, predicted);
            if (!row.Labels.Order().SequenceEqual(predicted.Order()))
                errors.Add(new EvaluationError(row.Text, row.Labels, predicted));
        }

        return new EvaluationOutcome(scorer.Build(), confusion, errors);
    }
}
