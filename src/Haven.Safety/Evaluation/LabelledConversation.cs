namespace Haven.Safety.Evaluation;

/// <summary>One row of a conversations JSONL file.</summary>
public sealed record LabelledConversation(string Id, string? Language, string Label, IReadOnlyList<ConversationLine> Messages);

/// <summary>One message of a labelled conversation.</summary>
public sealed record ConversationLine(string Author, string Text);
