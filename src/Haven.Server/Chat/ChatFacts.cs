namespace Haven.Server.Chat;

/// <summary>The cached facts every send checks, by key: who is in a conversation and whom a member has blocked (or been blocked by).</summary>
public static class ChatFacts
{
    public static string Members(Guid conversationId) => $"conversation-members:{conversationId}";

    public static string Blocks(Guid memberId) => $"blocks:{memberId}";
}

/// <summary>A conversation member as the send path needs it.</summary>
public readonly record struct ConversationSeat(Guid MemberId, bool Hidden);
