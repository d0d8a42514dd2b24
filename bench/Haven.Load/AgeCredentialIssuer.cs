using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Haven.Load;

/// <summary>
/// Haven lets only age-verified members connect and message. The benchmark acts as an issuer the
/// server under test trusts (through its configuration) and verifies each member with a signed
/// ES256 JWT carrying <c>age_over_18</c>, through the same credential check members use.
/// </summary>
internal sealed class AgeCredentialIssuer : IDisposable
{
    public const string Issuer = "https://load-benchmark.haven.local";
    public const string Audience = "https://haven.load";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Server settings (environment variable form) that make Haven trust this issuer.</summary>
    public IReadOnlyDictionary<string, string> ServerSettings
    {
        get
        {
            var q = _key.ExportParameters(false).Q;
            var jwk = JsonSerializer.Serialize(new Dictionary<string, string> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64(q.X!), ["y"] = B64(q.Y!) });
            return new Dictionary<string, string>
            {
                ["Haven__Age__Audience"] = Audience,
                ["Haven__Age__TrustedIssuers__0__Issuer"] = Issuer,
                ["Haven__Age__TrustedIssuers__0__Jwk"] = jwk,
                ["Haven__Age__TrustedIssuers__0__Assurance"] = "High",
            };
        }
    }

    public async Task VerifyAsync(HttpClient http, string accessToken, CancellationToken ct)
    {
        using var start = new HttpRequestMessage(HttpMethod.Post, "/api/age/checks/credential");
        start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var started = await http.SendAsync(start, ct);
        if (!started.IsSuccessStatusCode)
            throw new InvalidOperationException($"age check did not start: {(int)started.StatusCode}");
        var challenge = await started.Content.ReadFromJsonAsync<Challenge>(ct);

        using var present = new HttpRequestMessage(HttpMethod.Post, "/api/age/credential")
        {
            Content = JsonContent.Create(new { presentation = Credential(challenge!.Nonce, challenge.Audience) }),
        };
        present.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var presented = await http.SendAsync(present, ct);
        if (!presented.IsSuccessStatusCode)
            throw new InvalidOperationException($"age verification failed: {(int)presented.StatusCode} {await presented.Content.ReadAsStringAsync(ct)}");
    }

    private string Credential(string nonce, string audience)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = B64(JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", typ = "JWT" }));
        var payload = B64(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = audience, ["nonce"] = nonce, ["iat"] = now, ["exp"] = now + 600,
            ["jti"] = Guid.NewGuid().ToString("N"), ["age_over_18"] = true,
        }));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{header}.{payload}.{B64(signature)}";
    }

    private static string B64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public void Dispose() => _key.Dispose();

    private sealed record Challenge(string Nonce, string Audience);
}
