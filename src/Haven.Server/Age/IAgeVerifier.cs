namespace Haven.Server.Age;

/// <summary>
/// One way a member can show they are an adult (self-declaration is not one). Each verifier starts
/// its own kind of check and completes it through its own channel (a credential presentation, a
/// provider's signed callback, a reviewer's decision); every completion ends in
/// <see cref="AgeStatusService.RecordAsync"/>, which keeps only the outcome.
/// </summary>
public interface IAgeVerifier
{
    AgeMethod Method { get; }

    /// <summary>False when the operator has not configured this method.</summary>
    bool IsAvailable { get; }

    Task<Outcome<AgeCheckStart>> StartAsync(Guid memberId, CancellationToken cancellationToken);
}

/// <summary>What the member (or their wallet) needs to continue a check.</summary>
public sealed record AgeCheckStart(
    AgeMethod Method,
    string? Nonce = null,
    string? Audience = null,
    DateTimeOffset? ExpiresAt = null,
    Guid? SessionId = null,
    string? RedirectUrl = null);
