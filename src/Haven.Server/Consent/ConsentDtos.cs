namespace Haven.Server.Consent;

/// <summary>
/// A conversation's consent as one member sees it. <paramref name="Effective"/> is the lower of the
/// two levels; a pending proposal is either the member's own (<paramref name="Proposed"/>) or the
/// other's, waiting for an answer (<paramref name="Asked"/>).
/// </summary>
public sealed record ConsentView(Guid ConversationId, ConsentLevel Effective, ConsentLevel Mine, ConsentLevel Theirs, ConsentLevel? Proposed, ConsentLevel? Asked);

public sealed record SetConsentRequest(ConsentLevel? Level);

public sealed record ConsentLedgerView(long Id, Guid MemberId, string Pseudonym, ConsentAction Action, ConsentLevel From, ConsentLevel To, DateTimeOffset At);

/// <summary>Pushed to both members when anything about the conversation's consent changed; clients re-read their view.</summary>
public sealed record ConsentNotice(Guid ConversationId);
