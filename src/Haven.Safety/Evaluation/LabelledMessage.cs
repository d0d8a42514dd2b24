namespace Haven.Safety.Evaluation;

/// <summary>One row of a messages TSV: gold labels ("none" = no label), language and text.</summary>
public sealed record LabelledMessage(IReadOnlyList<string> Labels, string Language, string Text);
