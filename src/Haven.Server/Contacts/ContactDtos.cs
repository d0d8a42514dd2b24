using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Contacts;

public sealed record SendContactRequest(Guid ToMemberId, [property: MaxLength(ContactRules.MaxNoteLength)] string? Note);

/// <summary>
/// A request as one side sees it. The sender never learns of a decline: to them a declined
/// request stays "Sent".
/// </summary>
public sealed record ContactRequestView(Guid Id, Guid OtherMemberId, string OtherPseudonym, string Note, string Status, DateTimeOffset CreatedAt, Guid? ConversationId);

public sealed record BlockRequest(Guid MemberId);

public sealed record BlockedMember(Guid MemberId, string Pseudonym, DateTimeOffset Since);
