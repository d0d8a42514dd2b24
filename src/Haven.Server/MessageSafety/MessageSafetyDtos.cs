namespace Haven.Server.MessageSafety;

/// <summary>A message waiting for review, as a moderator sees it.</summary>
public sealed record HeldMessageView(long Id, Guid ConversationId, Guid SenderId, string Text, DateTimeOffset SentAt, IReadOnlyList<string> Tips);
