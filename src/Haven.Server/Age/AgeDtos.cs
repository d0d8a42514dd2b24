namespace Haven.Server.Age;

/// <summary>A member's age assurance as they (and the UI) see it.</summary>
public sealed record AgeStatusView(
    bool Verified,
    AgeMethod? Method,
    AgeOutcome? Outcome,
    AssuranceLevel? Assurance,
    DateTimeOffset? DecidedAt,
    bool ReverificationRequired,
    bool ReviewPending);

public sealed record AgeMethodView(AgeMethod Method, string? ProviderName);

public sealed record CredentialPresentation(string? Presentation);

/// <summary>The external provider's callback body (signed; see <see cref="ProviderVerifier"/>).</summary>
public sealed record ProviderCallback(string? EventId, Guid SessionId, string? Result, AssuranceLevel? Assurance);

public sealed record AgeReviewView(Guid Id, Guid MemberId, string Pseudonym, AgeReviewStatus Status, DateTimeOffset SubmittedAt, DateTimeOffset? DecidedAt, bool HasImage);

public sealed record AgeReviewDecision(bool Approve);
