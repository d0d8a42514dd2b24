using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Haven.Testing.Server;

/// <summary>
/// A credential issuer (or holder) for tests: an ES256 or Ed25519 key that signs age credentials as
/// SD-JWT VCs or plain JWTs, so tests can present real, forged, expired or replayed credentials.
/// </summary>
public sealed class TestIssuer : IDisposable
{
    private readonly ECDsa? _ec;
    private readonly Ed25519PrivateKeyParameters? _ed;

    private TestIssuer(string issuer, ECDsa? ec, Ed25519PrivateKeyParameters? ed)
    {
        Issuer = issuer;
        _ec = ec;
        _ed = ed;
    }

    public string Issuer { get; }

    public string Alg => _ec is null ? "EdDSA" : "ES256";

    /// <summary>The issuer's clock: a test app with a fake clock issues credentials at its own "now".</summary>
    public Func<DateTimeOffset> Now { get; set; } = () => DateTimeOffset.UtcNow;

    public static TestIssuer Es256(string issuer) => new(issuer, ECDsa.Create(ECCurve.NamedCurves.nistP256), null);

    public static TestIssuer Ed25519(string issuer)
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        return new TestIssuer(issuer, null, (Ed25519PrivateKeyParameters)generator.GenerateKeyPair().Private);
    }

    /// <summary>The public key as a JWK object (for "cnf") …</summary>
    public Dictionary<string, string> PublicJwkObject
    {
        get
        {
            if (_ec is not null)
            {
                var q = _ec.ExportParameters(false).Q;
                return new() { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(q.X!), ["y"] = B64(q.Y!) };
            }

            return new() { ["kty"] = "OKP", ["crv"] = "Ed25519", ["x"] = B64(_ed!.GeneratePublicKey().GetEncoded()) };
        }
    }

    /// <summary>… and as JSON text (for Haven's trust list).</summary>
    public string PublicJwk => JsonSerializer.Serialize(PublicJwkObject);

    /// <summary>
    /// An age credential as an SD-JWT VC: <c>age_over_18</c> is selectively disclosed. By default it is
    /// bound to <paramref name="nonce"/> and <paramref name="audience"/> in the credential itself and
    /// valid for ten minutes; <paramref name="edit"/> can change any claim before signing.
    /// </summary>
    public string AgeCredential(string nonce, string audience, bool over18 = true, Action<Dictionary<string, object?>>? edit = null)
    {
        var disclosure = Disclosure("age_over_18", over18);
        var payload = StandardClaims(nonce, audience);
        payload["_sd"] = new[] { Digest(disclosure) };
        payload["_sd_alg"] = "sha-256";
        edit?.Invoke(payload);
        return $"{Sign(new { alg = Alg, typ = "dc+sd-jwt" }, payload)}~{disclosure}~";
    }

    /// <summary>A plain JWT with <c>age_over_18</c> as an ordinary claim.</summary>
    public string AgeJwt(string nonce, string audience, Action<Dictionary<string, object?>>? edit = null)
    {
        var payload = StandardClaims(nonce, audience);
        payload["age_over_18"] = true;
        edit?.Invoke(payload);
        return Sign(new { alg = Alg, typ = "JWT" }, payload);
    }

    /// <summary>An SD-JWT VC bound to <paramref name="holder"/>'s key; the holder presents it with <see cref="Present"/>.</summary>
    public string HolderBoundCredential(TestIssuer holder)
    {
        var disclosure = Disclosure("age_over_18", true);
        var now = Now().ToUnixTimeSeconds();
        var payload = new Dictionary<string, object?>
        {
            ["iss"] = Issuer, ["vct"] = "urn:example:age", ["iat"] = now, ["exp"] = now + 3600, ["jti"] = Guid.NewGuid().ToString("N"),
            ["cnf"] = new Dictionary<string, object> { ["jwk"] = holder.PublicJwkObject },
            ["_sd"] = new[] { Digest(disclosure) }, ["_sd_alg"] = "sha-256",
        };
        return $"{Sign(new { alg = Alg, typ = "dc+sd-jwt" }, payload)}~{disclosure}~";
    }

    /// <summary>As holder: appends a key-binding JWT over the presentation, nonce and audience.</summary>
    public string Present(string sdJwt, string nonce, string audience)
    {
        var payload = new Dictionary<string, object?>
        {
            ["iat"] = Now().ToUnixTimeSeconds(), ["aud"] = audience, ["nonce"] = nonce, ["sd_hash"] = Digest(sdJwt),
        };
        return sdJwt + Sign(new { alg = Alg, typ = "kb+jwt" }, payload);
    }

    public static string Disclosure(string name, object value) =>
        B64(JsonSerializer.SerializeToUtf8Bytes(new object[] { B64(RandomNumberGenerator.GetBytes(16)), name, value }));

    public static string Digest(string text) => B64(SHA256.HashData(Encoding.ASCII.GetBytes(text)));

    public static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private Dictionary<string, object?> StandardClaims(string nonce, string audience)
    {
        var now = Now().ToUnixTimeSeconds();
        return new Dictionary<string, object?>
        {
            ["iss"] = Issuer, ["vct"] = "urn:example:age", ["iat"] = now, ["exp"] = now + 600,
            ["jti"] = Guid.NewGuid().ToString("N"), ["nonce"] = nonce, ["aud"] = audience,
        };
    }

    private string Sign(object header, Dictionary<string, object?> payload)
    {
        var input = $"{B64(JsonSerializer.SerializeToUtf8Bytes(header))}.{B64(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var bytes = Encoding.ASCII.GetBytes(input);
        byte[] signature;
        if (_ec is not null)
        {
            signature = _ec.SignData(bytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        else
        {
            var signer = new Ed25519Signer();
            signer.Init(true, _ed);
            signer.BlockUpdate(bytes, 0, bytes.Length);
            signature = signer.GenerateSignature();
        }

        return $"{input}.{B64(signature)}";
    }

    public void Dispose() => _ec?.Dispose();
}
