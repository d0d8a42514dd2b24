namespace Haven.Server.Media;

/// <summary>An image in a conversation as one member sees it. <paramref name="Blurred"/> is per viewer.</summary>
public sealed record MediaView(Guid Id, Guid ConversationId, Guid SenderId, DateTimeOffset SentAt, int Width, int Height, bool Blurred);

public sealed record HashListImportResult(HashListKind List, int Added, int AlreadyListed, int Invalid, int TakenDown);
