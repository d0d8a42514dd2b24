using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Haven.Server.Age;

/// <summary>
/// An in-process credential issuer for Development only, so a demo can verify in the browser. Its
/// key is generated at start-up and lives in memory; the Development trust list includes it with
/// the lowest assurance. It is never registered outside Development.
/// </summary>
public sealed class TestCredentialIssuer : IDisposable
{
    public const string IssuerId = "https://test-issuer.haven.invalid";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly TimeProvider _clock;

    public TestCredentialIssuer(TimeProvider clock)
    {
        _clock = clock;
        var q = _key.ExportParameters(false).Q;
        PublicJwk = JsonSerializer.Serialize(new { kty = "EC", crv = "P-256", x = Jose.Encode(q.X), y = Jose.Encode(q.Y) });
    }

    public string Issuer => IssuerId;

    public string PublicJwk { get; }

    /// <summary>An SD-JWT VC whose only disclosure is <c>age_over_18: true</c>, bound to the nonce and audience.</summary>
    public string Issue(string nonce, string audience)
    {
        var disclosure = Jose.Encode(JsonSerializer.SerializeToUtf8Bytes(new object[] { Jose.Encode(RandomNumberGenerator.GetBytes(16)), "age_over_18", true }));
        var now = _clock.GetUtcNow().ToUnixTimeSeconds();
        var header = new { alg = "ES256", typ = "dc+sd-jwt" };
        var payload = new Dictionary<string, object>
        {
            ["iss"] = IssuerId, ["vct"] = "urn:haven:age-over-18", ["iat"] = now, ["exp"] = now + 600,
            ["jti"] = Guid.NewGuid().ToString("N"), ["nonce"] = nonce, ["aud"] = audience,
            ["_sd"] = new[] { Jose.Digest(disclosure) }, ["_sd_alg"] = "sha-256",
        };
        var input = $"{Jose.Encode(JsonSerializer.SerializeToUtf8Bytes(header))}.{Jose.Encode(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{input}.{Jose.Encode(signature)}~{disclosure}~";
    }

    public void Dispose() => _key.Dispose();
}
