namespace Haven.Safety.Evaluation;

/// <summary>An item the engine got wrong (for <c>--show-errors</c>).</summary>
public sealed record EvaluationError(string Text, IReadOnlyList<string> Gold, IReadOnlyList<string> Predicted);
