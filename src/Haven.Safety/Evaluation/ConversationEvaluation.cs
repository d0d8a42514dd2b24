using Haven.Safety.Conversation;

namespace Haven.Safety.Evaluation;

/// <summary>
/// Scores conversation-level risk: each conversation is replayed message by message through a
/// <see cref="ConversationRiskTracker"/>; it is predicted positive when grooming, sextortion or scam
/// fires at any message. Binary positive = every label except consensual, boundary_respected and none.
/// Per-label scores map fired risks to label names (grooming/predator, sextortion, romance_scam/scam).
/// </summary>
public static class ConversationEvaluation
{
    public const string Task = "conversations";

    public static IReadOnlySet<string> BenignLabels { get; } = new HashSet<string>(StringComparer.Ordinal) { "consensual", "boundary_respected", "none" };

    public static EvaluationOutcome Evaluate(IReadOnlyList<LabelledConversation> rows, SafetyEngine engine, ConversationRiskTracker tracker, string input)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(tracker);
        var positive = rows.Select(r => r.Label).Where(l => !BenignLabels.Contains(l)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var scorer = new EvaluationScorer(Task, input, positive, positive);
        var confusion = new ConfusionSummary();
        var errors = new List<EvaluationError>();
        foreach (var row in rows)
        {
            var risks = Replay(row, engine, tracker);
            var predicted = PredictedLabels(risks).Where(positive.Contains).ToArray();
            var gold = BenignLabels.Contains(row.Label) ? Array.Empty<string>() : [row.Label];
            scorer.AddLabelsOnly(gold, predicted);
            var predictedPositive = (risks & (ConversationRisk.Grooming | ConversationRisk.Sextortion | ConversationRisk.Scam)) != 0;
            scorer.AddBinary(gold.Length > 0, predictedPositive);
            confusion.Add(gold, predicted.Length > 0 || !predictedPositive ? predicted : ["risk"]);
            if ((gold.Length > 0) != predictedPositive)
                errors.Add(new EvaluationError($"{row.Id}: {string.Join(" | ", row.Messages.Select(m => m.Text)).Truncate(300)}", [row.Label], [risks.ToString()]));
        }

        return new EvaluationOutcome(scorer.Build(), confusion, errors);
    }

    public static ConversationRisk Replay(LabelledConversation row, SafetyEngine engine, ConversationRiskTracker tracker)
    {
        var state = new ConversationRiskState { ConversationId = row.Id };
        foreach (var message in row.Messages)
            tracker.Update(state, message.Author, engine.Scan(message.Text));
        return state.Risks;
    }

    private static IEnumerable<string> PredictedLabels(ConversationRisk risks)
    {
        if ((risks & ConversationRisk.Grooming) != 0) { yield return "grooming"; yield return "predator"; }
        if ((risks & ConversationRisk.Sextortion) != 0) yield return "sextortion";
        if ((risks & ConversationRisk.Scam) != 0) { yield return "romance_scam"; yield return "scam"; }
    }

    private static string Truncate(this string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
