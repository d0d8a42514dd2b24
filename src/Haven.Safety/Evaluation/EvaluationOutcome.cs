namespace Haven.Safety.Evaluation;

/// <summary>The report plus the details the text output shows.</summary>
public sealed record EvaluationOutcome(EvaluationReport Report, ConfusionSummary Confusion, IReadOnlyList<EvaluationError> Errors);
