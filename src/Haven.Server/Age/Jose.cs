using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Haven.Server.Age;

/// <summary>A compact JWS split into its parts, with header and payload parsed.</summary>
internal sealed record Jws(string Alg, string? Typ, JsonElement Header, JsonElement Payload, byte[] SigningInput, byte[] Signature)
{
    /// <summary>Null when the text is not a well-formed compact JWS with JSON header and payload.</summary>
    public static Jws? Parse(string compact)
    {
        var parts = compact.Split('.');
        if (parts.Length != 3 || !Jose.TryDecode(parts[0], out var header) || !Jose.TryDecode(parts[1], out var payload)
            || !Jose.TryDecode(parts[2], out var signature))
            return null;
        if (!Jose.TryParseObject(header, out var headerJson) || !Jose.TryParseObject(payload, out var payloadJson))
            return null;
        if (!headerJson.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
            return null;
        var typ = headerJson.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        return new Jws(alg.GetString()!, typ, headerJson, payloadJson, Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature);
    }

    public string? String(string claim) =>
        Payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public DateTimeOffset? Time(string claim) =>
        Payload.TryGetProperty(claim, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253402300799
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>"aud" may be a string or an array of strings.</summary>
    public bool HasAudience(string audience) =>
        Payload.TryGetProperty("aud", out var aud) && (aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == audience,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == audience),
            _ => false,
        });
}

/// <summary>A public key that verifies JWS signatures: ES256 (P-256) or EdDSA (Ed25519) only.</summary>
internal sealed class JwsKey
{
    private readonly ECParameters? _ec;
    private readonly byte[]? _ed25519;

    private JwsKey(ECParameters? ec, byte[]? ed25519)
    {
        _ec = ec;
        _ed25519 = ed25519;
    }

    public string Alg => _ec is null ? "EdDSA" : "ES256";

    public static JwsKey? FromJwk(JsonElement jwk)
    {
        if (jwk.ValueKind != JsonValueKind.Object)
            return null;
        string? Get(string name) => jwk.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        switch (Get("kty"), Get("crv"))
        {
            case ("EC", "P-256") when Jose.TryDecode(Get("x"), out var x) && Jose.TryDecode(Get("y"), out var y) && x.Length == 32 && y.Length == 32:
                var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } };
                try
                {
                    using var probe = ECDsa.Create(parameters); // rejects points not on the curve
                }
                catch (CryptographicException)
                {
                    return null;
                }

                return new JwsKey(parameters, null);
            case ("OKP", "Ed25519") when Jose.TryDecode(Get("x"), out var ed) && ed.Length == 32:
                return new JwsKey(null, ed);
            default:
                return null;
        }
    }

    public static JwsKey? FromJwk(string json) =>
        Jose.TryParseObject(Encoding.UTF8.GetBytes(json), out var element) ? FromJwk(element) : null;

    /// <summary>True only if the JWS names this key's algorithm and the signature is valid.</summary>
    public bool Verifies(Jws jws)
    {
        if (jws.Alg != Alg)
            return false;
        if (_ec is { } ec)
        {
            if (jws.Signature.Length != 64)
                return false;
            using var ecdsa = ECDsa.Create(ec);
            return ecdsa.VerifyData(jws.SigningInput, jws.Signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }

        if (jws.Signature.Length != 64)
            return false;
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(_ed25519!, 0));
        verifier.BlockUpdate(jws.SigningInput, 0, jws.SigningInput.Length);
        return verifier.VerifySignature(jws.Signature);
    }
}

internal static class Jose
{
    public static bool TryDecode(string? text, out byte[] bytes)
    {
        bytes = [];
        if (string.IsNullOrEmpty(text) || text.Length > 64 * 1024 || !Base64Url.IsValid(text))
            return false;
        bytes = Base64Url.DecodeFromChars(text);
        return true;
    }

    public static string Encode(ReadOnlySpan<byte> bytes) => Base64Url.EncodeToString(bytes);

    public static bool TryParseObject(byte[] utf8, out JsonElement element)
    {
        element = default;
        try
        {
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 16 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return false;
            element = document.RootElement.Clone();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The SD-JWT digest of a disclosure or presentation: base64url(SHA-256(ASCII text)).</summary>
    public static string Digest(string text) => Encode(SHA256.HashData(Encoding.ASCII.GetBytes(text)));
}
