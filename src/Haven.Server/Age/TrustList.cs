using Microsoft.Extensions.Options;

namespace Haven.Server.Age;

/// <summary>The credential issuers Haven accepts, with their parsed public keys.</summary>
public sealed class TrustList
{
    private readonly Dictionary<string, Entry> _issuers = new(StringComparer.Ordinal);

    public TrustList(IOptions<AgeOptions> options, IEnumerable<TestCredentialIssuer> testIssuers)
    {
        foreach (var issuer in options.Value.TrustedIssuers)
            _issuers[issuer.Issuer] = new Entry(issuer, JwsKey.FromJwk(issuer.Jwk)
                ?? throw new InvalidOperationException($"Haven:Age:TrustedIssuers: the key of {issuer.Issuer} is not an EC P-256 or Ed25519 public JWK."));
        foreach (var test in testIssuers)
            _issuers[test.Issuer] = new Entry(new TrustedIssuer { Issuer = test.Issuer, Jwk = test.PublicJwk, Assurance = AssuranceLevel.Low },
                JwsKey.FromJwk(test.PublicJwk)!);
    }

    public int Count => _issuers.Count;

    internal Entry? Find(string issuer) => _issuers.GetValueOrDefault(issuer);

    internal sealed record Entry(TrustedIssuer Options, JwsKey Key)
    {
        public string Issuer => Options.Issuer;
        public AssuranceLevel Assurance => Options.Assurance;
    }
}
