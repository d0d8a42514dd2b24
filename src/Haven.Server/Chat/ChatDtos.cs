namespace Haven.Server.Chat;

/// <summary>
/// What a client sends. <paramref name="ClientMessageId"/> makes a resend the same message;
/// <paramref name="Confirmed"/> is "send anyway" after a warning such as AreYouSure. <paramref name="Resend"/>: the
/// client sends again a message it got no answer for, so the server looks for the stored one before anything else
/// (a first send skips that lookup; a duplicate is still caught when it is stored, so the flag only saves work).
/// </summary>
public sealed record SendMessageRequest(Guid ConversationId, Guid ClientMessageId, string? Text, bool Confirmed = false, bool Resend = false);

/// <summary>
/// Sent to the sender only after the message is durably stored. <paramref name="Held"/>: it waits for a
/// moderator's review before the recipient sees it.
/// </summary>
public sealed record MessageAck(Guid ClientMessageId, long MessageId, Guid ConversationId, DateTimeOffset SentAt, bool Duplicate, bool Held = false);

/// <summary>
/// <paramref name="Blurred"/>: recipients see it blurred until they choose to (see Consent).
/// <paramref name="Tips"/>: safety tip keys shown to recipients (see MessageSafety), never null on the wire.
/// <paramref name="Held"/>: waiting for review; only its sender (and moderators) see it.
/// <paramref name="Rejected"/>: a moderator decided it is not delivered; only its sender sees it.
/// </summary>
public sealed record MessageView(long Id, Guid ConversationId, Guid SenderId, Guid ClientMessageId, string Text, DateTimeOffset SentAt,
    bool Blurred = false, IReadOnlyList<string>? Tips = null, bool Held = false, bool Rejected = false);

public sealed record TypingNotice(Guid ConversationId, Guid MemberId);

public sealed record ReadReceipt(Guid ConversationId, Guid MemberId, long LastReadMessageId);

public sealed record ConversationView(Guid Id, Guid OtherMemberId, string OtherPseudonym, DateTimeOffset LastMessageAt, int Unread, long OtherLastRead);

public sealed record MessagePage(IReadOnlyList<MessageView> Items, bool HasMore);
