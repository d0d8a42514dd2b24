using System.Security.Cryptography;
using System.Text.Json;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Age;

/// <summary>
/// Verifiable credentials: an SD-JWT VC (or a plain JWT) carrying <c>age_over_18: true</c>,
/// signed (ES256 or EdDSA) by an issuer in the trust list, bound to a nonce Haven issued to this
/// member and to Haven as audience, unexpired and never accepted twice. Binding is either a
/// key-binding JWT signed with the holder key in <c>cnf</c> (SD-JWT VC) or, for credentials
/// issued per presentation, <c>nonce</c> and <c>aud</c> in the credential itself.
/// </summary>
public sealed class CredentialVerifier(
    HavenDbContext db,
    TrustList trustList,
    AgeStatusService status,
    TimeProvider clock,
    IOptions<AgeOptions> options) : IAgeVerifier
{
    public const int MaxPresentationLength = 32 * 1024;

    public AgeMethod Method => AgeMethod.Credential;

    public bool IsAvailable => trustList.Count > 0;

    public async Task<Outcome<AgeCheckStart>> StartAsync(Guid memberId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var nonce = new AgeNonce
        {
            Value = Jose.Encode(RandomNumberGenerator.GetBytes(32)),
            MemberId = memberId,
            ExpiresAt = now.AddMinutes(options.Value.NonceMinutes),
        };
        db.AgeNonces.Add(nonce);
        // Expired challenges are worthless; clearing them here keeps the table small without a job.
        await db.AgeNonces.Where(n => n.ExpiresAt < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new AgeCheckStart(Method, Nonce: nonce.Value, Audience: options.Value.Audience, ExpiresAt: nonce.ExpiresAt);
    }

    public async Task<Outcome<AgeStatusView>> PresentAsync(Guid memberId, string? presentation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presentation) || presentation.Length > MaxPresentationLength)
            return Refused("CredentialMalformed", "The credential could not be read.");
        var verified = Verify(presentation.Trim());
        if (verified.Refusal is { } refusal)
            return refusal;
        var (issuer, nonce, jti) = verified.Value!;

        var now = clock.GetUtcNow();
        var consumed = await db.AgeNonces
            .Where(n => n.Value == nonce && n.MemberId == memberId && n.UsedAt == null && n.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.UsedAt, now), cancellationToken);
        if (consumed != 1)
        {
            var used = await db.AgeNonces.AnyAsync(n => n.Value == nonce && n.MemberId == memberId && n.UsedAt != null, cancellationToken);
            return used
                ? Refused("CredentialReplayed", "This credential presentation was already used.", StatusCodes.Status409Conflict)
                : Refused("CredentialNonceInvalid", "The credential was not made for this request or the request has expired. Please start again.");
        }

        if (jti is not null && !await AgeReplayGuard.TryClaimAsync(db, $"jti:{issuer.Issuer}:{jti}", now, cancellationToken))
            return Refused("CredentialReplayed", "This credential was already used.", StatusCodes.Status409Conflict);

        return await status.RecordAsync(memberId, AgeMethod.Credential, AgeOutcome.Verified, issuer.Assurance, issuer.Issuer, cancellationToken);
    }

    /// <summary>Everything that needs no database: format, issuer, signature, time, disclosures, claim, binding.</summary>
    private Outcome<(TrustedIssuer Issuer, string Nonce, string? Jti)> Verify(string presentation)
    {
        var parts = presentation.Split('~');
        var credential = Jws.Parse(parts[0]);
        if (credential is null || credential.Typ == "kb+jwt")
            return Refused("CredentialMalformed", "The credential could not be read.");

        var iss = credential.String("iss");
        if (iss is null || trustList.Find(iss) is not { } trusted)
            return Refused("CredentialUntrustedIssuer", "This credential's issuer is not one Haven trusts.");
        if (!trusted.Key.Verifies(credential))
            return Refused("CredentialSignatureInvalid", "The credential's signature is not valid.");

        var now = clock.GetUtcNow();
        var skew = TimeSpan.FromSeconds(options.Value.ClockSkewSeconds);
        if (credential.Time("exp") is not { } exp || exp + skew <= now)
            return Refused("CredentialExpired", "This credential has expired.");
        if (credential.Time("nbf") is { } nbf && nbf - skew > now || credential.Time("iat") is { } iat && iat - skew > now)
            return Refused("CredentialNotYetValid", "This credential is not valid yet.");

        // An SD-JWT is "<jwt>~<disclosure>~...~<kb-jwt or empty>"; a plain JWT has no '~'.
        var isSdJwt = parts.Length > 1;
        var disclosures = isSdJwt ? parts[1..^1] : [];
        var keyBinding = isSdJwt ? parts[^1] : "";
        var claims = Disclose(credential.Payload, disclosures);
        if (claims is null)
            return Refused("CredentialDisclosureInvalid", "The credential's disclosures do not match what the issuer signed.");
        if (!claims.TryGetValue("age_over_18", out var over18) || over18.ValueKind != JsonValueKind.True)
            return Refused("CredentialNotOver18", "This credential does not show that you are 18 or over.", StatusCodes.Status422UnprocessableEntity);

        string? nonce;
        if (credential.Payload.TryGetProperty("cnf", out var cnf))
        {
            var holderKey = cnf.ValueKind == JsonValueKind.Object && cnf.TryGetProperty("jwk", out var jwk) ? JwsKey.FromJwk(jwk) : null;
            var binding = keyBinding.Length > 0 ? Jws.Parse(keyBinding) : null;
            if (holderKey is null || binding is null || binding.Typ != "kb+jwt" || !holderKey.Verifies(binding))
                return Refused("CredentialBindingInvalid", "The credential was not presented by its holder.");
            var presented = presentation[..(presentation.Length - keyBinding.Length)];
            if (binding.String("sd_hash") != Jose.Digest(presented))
                return Refused("CredentialBindingInvalid", "The credential was not presented by its holder.");
            if (binding.Time("iat") is not { } boundAt || boundAt - skew > now || boundAt < now - TimeSpan.FromMinutes(options.Value.NonceMinutes) - skew)
                return Refused("CredentialExpired", "This credential presentation is too old.");
            if (!binding.HasAudience(options.Value.Audience))
                return Refused("CredentialAudienceMismatch", "This credential was presented to someone else.");
            nonce = binding.String("nonce");
        }
        else
        {
            if (keyBinding.Length > 0)
                return Refused("CredentialMalformed", "The credential could not be read.");
            if (!credential.HasAudience(options.Value.Audience))
                return Refused("CredentialAudienceMismatch", "This credential was presented to someone else.");
            nonce = credential.String("nonce");
        }

        if (string.IsNullOrEmpty(nonce))
            return Refused("CredentialNonceInvalid", "The credential was not made for this request or the request has expired. Please start again.");
        return (trusted.Options, nonce, credential.String("jti"));
    }

    /// <summary>
    /// The payload's claims plus those disclosed, or null if any disclosure is malformed, repeated or
    /// not among the issuer's <c>_sd</c> digests (so nothing can be added after signing).
    /// </summary>
    private static Dictionary<string, JsonElement>? Disclose(JsonElement payload, string[] disclosures)
    {
        var claims = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in payload.EnumerateObject())
            if (property.Name is not ("_sd" or "_sd_alg"))
                claims[property.Name] = property.Value;
        if (disclosures.Length == 0)
            return claims;

        if (payload.TryGetProperty("_sd_alg", out var alg) && alg.GetString() != "sha-256")
            return null;
        var digests = new HashSet<string>(StringComparer.Ordinal);
        if (payload.TryGetProperty("_sd", out var sd) && sd.ValueKind == JsonValueKind.Array)
            foreach (var digest in sd.EnumerateArray())
                if (digest.ValueKind == JsonValueKind.String)
                    digests.Add(digest.GetString()!);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var disclosure in disclosures)
        {
            if (!seen.Add(disclosure) || !digests.Contains(Jose.Digest(disclosure)))
                return null;
            if (!Jose.TryDecode(disclosure, out var bytes))
                return null;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                var array = document.RootElement;
                if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() != 3
                    || array[0].ValueKind != JsonValueKind.String || array[1].ValueKind != JsonValueKind.String)
                    return null;
                var name = array[1].GetString()!;
                if (name is "_sd" or "..." || !claims.TryAdd(name, array[2].Clone()))
                    return null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        return claims;
    }

    private static Refusal Refused(string code, string message, int status = StatusCodes.Status400BadRequest) => new(status, code, message);
}
