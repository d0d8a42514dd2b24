using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Age;

public sealed class AgeOptions : IValidatableObject
{
    public const string Section = "Haven:Age";

    /// <summary>What presentations must name as their audience ("aud"): this Haven.</summary>
    [Required, MinLength(1)]
    public string Audience { get; set; } = "haven";

    /// <summary>How long a credential challenge (nonce) stays usable.</summary>
    [Range(1, 60)]
    public int NonceMinutes { get; set; } = 10;

    /// <summary>Tolerated clock difference with issuers when checking exp/iat/nbf.</summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>Issuers whose age credentials Haven accepts.</summary>
    public List<TrustedIssuer> TrustedIssuers { get; set; } = [];

    public ProviderOptions Provider { get; set; } = new();

    /// <summary>
    /// How long an ID image stays after the reviewer's decision (for a second look), before the
    /// clean-up deletes it. With the sweep interval it must stay within 24 hours.
    /// </summary>
    [Range(0, 23)]
    public int ReviewImageHoursAfterDecision { get; set; } = 12;

    [Range(1, 60)]
    public int ReviewSweepMinutes { get; set; } = 15;

    [Range(1024, 20 * 1024 * 1024)]
    public int MaxReviewImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The in-process test issuer page; only ever honoured in Development.</summary>
    public bool TestIssuer { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeSpan.FromHours(ReviewImageHoursAfterDecision) + TimeSpan.FromMinutes(ReviewSweepMinutes) > TimeSpan.FromHours(24))
            yield return new ValidationResult("ID images must be deleted within 24 hours of the decision.", [nameof(ReviewImageHoursAfterDecision)]);
        foreach (var issuer in TrustedIssuers)
            if (string.IsNullOrWhiteSpace(issuer.Issuer) || string.IsNullOrWhiteSpace(issuer.Jwk))
                yield return new ValidationResult("Each trusted issuer needs an Issuer id and a public Jwk.", [nameof(TrustedIssuers)]);
            else if (JwsKey.FromJwk(issuer.Jwk) is null)
                yield return new ValidationResult($"The key of {issuer.Issuer} is not an EC P-256 or Ed25519 public JWK.", [nameof(TrustedIssuers)]);
    }
}

public sealed class TrustedIssuer
{
    /// <summary>The issuer's id exactly as in its credentials' "iss".</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The issuer's public key as a JWK (JSON): EC P-256 for ES256 or OKP Ed25519 for EdDSA.</summary>
    public string Jwk { get; set; } = "";

    public AssuranceLevel Assurance { get; set; } = AssuranceLevel.Substantial;
}

public sealed class ProviderOptions
{
    /// <summary>Shown to members and stored as the issuer of the outcome; empty means no provider.</summary>
    public string Name { get; set; } = "";

    /// <summary>Where the member is sent to start; "{session}" is replaced by Haven's session id.</summary>
    public string StartUrl { get; set; } = "";

    /// <summary>Shared secret for the callback's HMAC-SHA256 signature (at least 32 characters).</summary>
    public string WebhookSecret { get; set; } = "";

    public bool Configured => Name.Length > 0 && StartUrl.Length > 0 && WebhookSecret.Length >= 32;
}
