using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Haven.Server.Age;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Age;

public sealed class Credential_tests(AgeAppFixture fixture) : IClassFixture<AgeAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task SD_JWT_credential_from_a_trusted_issuer_verifies_the_member_and_keeps_only_the_outcome()
    {
        var member = await App.RegisterAsync(verified: false);
        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);

        var response = await PresentAsync(member, App.CredentialIssuer.AgeCredential(challenge.Nonce, challenge.Audience));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var status = await member.Http.GetFromJsonAsync<AgeStatusView>("/api/age");
        Assert.True(status!.Verified);
        Assert.Equal(AgeMethod.Credential, status.Method);
        var check = await App.QueryAsync(db => db.AgeChecks.SingleAsync(c => c.MemberId == member.Id));
        Assert.Equal((AgeOutcome.Verified, AssuranceLevel.High, HavenApp.CredentialIssuerId), (check.Outcome, check.Assurance, check.Issuer));
    }

    [Fact]
    public async Task EdDSA_credential_and_plain_JWT_are_accepted()
    {
        var member = await App.RegisterAsync(verified: false);
        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);
        Assert.Equal(HttpStatusCode.OK, (await PresentAsync(member, fixture.EdIssuer.AgeJwt(challenge.Nonce, challenge.Audience))).StatusCode);

        var other = await App.RegisterAsync(verified: false);
        challenge = await HavenApp.StartCredentialCheckAsync(other.Http);
        Assert.Equal(HttpStatusCode.OK, (await PresentAsync(other, fixture.EdIssuer.AgeCredential(challenge.Nonce, challenge.Audience))).StatusCode);
        Assert.Equal(fixture.EdIssuer.Issuer, await App.QueryAsync(db => db.AgeChecks.Where(c => c.MemberId == other.Id).Select(c => c.Issuer).SingleAsync()));
    }

    [Fact]
    public async Task Holder_bound_credential_needs_a_key_binding_JWT_over_the_nonce()
    {
        using var holder = TestIssuer.Es256("holder");
        var member = await App.RegisterAsync(verified: false);
        var credential = App.CredentialIssuer.HolderBoundCredential(holder);

        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);
        await AssertRefusedAsync(member, credential, "CredentialBindingInvalid"); // no key binding at all
        await AssertRefusedAsync(member, holder.Present(credential, "another-nonce", challenge.Audience), "CredentialNonceInvalid");
        using var thief = TestIssuer.Es256("thief");
        await AssertRefusedAsync(member, thief.Present(credential, challenge.Nonce, challenge.Audience), "CredentialBindingInvalid");

        Assert.Equal(HttpStatusCode.OK, (await PresentAsync(member, holder.Present(credential, challenge.Nonce, challenge.Audience))).StatusCode);
    }

    [Fact]
    public async Task Forged_credentials_are_rejected()
    {
        var member = await App.RegisterAsync(verified: false);
        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);

        // Signed by someone else's key under the trusted issuer's name.
        using var forger = TestIssuer.Es256(HavenApp.CredentialIssuerId);
        await AssertRefusedAsync(member, forger.AgeCredential(challenge.Nonce, challenge.Audience), "CredentialSignatureInvalid");

        // A genuine credential with its payload edited after signing.
        var genuine = App.CredentialIssuer.AgeJwt(challenge.Nonce, challenge.Audience, p => p["age_over_18"] = false).Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, object>>(Convert.FromBase64String(Pad(genuine[1])))!;
        payload["age_over_18"] = true;
        var tampered = $"{genuine[0]}.{TestIssuer.B64(JsonSerializer.SerializeToUtf8Bytes(payload))}.{genuine[2]}";
        await AssertRefusedAsync(member, tampered, "CredentialSignatureInvalid");

        // "alg": "none" with no signature.
        var unsigned = $"{TestIssuer.B64("""{"alg":"none"}"""u8.ToArray())}.{genuine[1]}.";
        await AssertRefusedAsync(member, unsigned, "CredentialMalformed");

        // A disclosure swapped for one the issuer never signed.
        var signed = App.CredentialIssuer.AgeCredential(challenge.Nonce, challenge.Audience, over18: false).Split('~');
        await AssertRefusedAsync(member, $"{signed[0]}~{TestIssuer.Disclosure("age_over_18", true)}~", "CredentialDisclosureInvalid");

        // Honest, but says the holder is not over 18.
        await AssertRefusedAsync(member, App.CredentialIssuer.AgeCredential(challenge.Nonce, challenge.Audience, over18: false), "CredentialNotOver18",
            HttpStatusCode.UnprocessableEntity);

        Assert.False(await App.QueryAsync(db => db.AgeChecks.AnyAsync(c => c.MemberId == member.Id)));
    }

    [Fact]
    public async Task Expired_credential_is_rejected()
    {
        var member = await App.RegisterAsync(verified: false);
        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);
        var expired = App.CredentialIssuer.AgeCredential(challenge.Nonce, challenge.Audience,
            edit: p => p["exp"] = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeSeconds());

        await AssertRefusedAsync(member, expired, "CredentialExpired");
        await AssertRefusedAsync(member, App.CredentialIssuer.AgeCredential(challenge.Nonce, challenge.Audience, edit: p => p.Remove("exp")), "CredentialExpired");
    }

    [Fact]
    public async Task Replayed_credential_is_rejected()
    {
        var member = await App.RegisterAsync(verified: false);
        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);
        var jti = Guid.NewGuid().ToString("N");
        var presentation = App.CredentialIssuer.AgeCredential(challenge.Nonce, challenge.Audience, edit: p => p["jti"] = jti);
        Assert.Equal(HttpStatusCode.OK, (await PresentAsync(member, presentation)).StatusCode);

        // The same presentation again: its nonce is spent.
        await AssertRefusedAsync(member, presentation, "CredentialReplayed", HttpStatusCode.Conflict);

        // The same credential (same jti) re-issued against a fresh nonce, by another member.
        var other = await App.RegisterAsync(verified: false);
        var fresh = await HavenApp.StartCredentialCheckAsync(other.Http);
        await AssertRefusedAsync(other, App.CredentialIssuer.AgeCredential(fresh.Nonce, fresh.Audience, edit: p => p["jti"] = jti),
            "CredentialReplayed", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Untrusted_issuer_is_rejected()
    {
        var member = await App.RegisterAsync(verified: false);
        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);
        using var stranger = TestIssuer.Es256("https://stranger.example");

        await AssertRefusedAsync(member, stranger.AgeCredential(challenge.Nonce, challenge.Audience), "CredentialUntrustedIssuer");
    }

    [Fact]
    public async Task Credential_bound_to_another_audience_or_another_members_nonce_is_rejected()
    {
        var member = await App.RegisterAsync(verified: false);
        var other = await App.RegisterAsync(verified: false);
        var challenge = await HavenApp.StartCredentialCheckAsync(member.Http);
        var othersChallenge = await HavenApp.StartCredentialCheckAsync(other.Http);

        await AssertRefusedAsync(member, App.CredentialIssuer.AgeCredential(challenge.Nonce, "https://elsewhere.example"), "CredentialAudienceMismatch");
        await AssertRefusedAsync(member, App.CredentialIssuer.AgeCredential(othersChallenge.Nonce, challenge.Audience), "CredentialNonceInvalid");
        await AssertRefusedAsync(member, App.CredentialIssuer.AgeCredential("made-up-nonce", challenge.Audience), "CredentialNonceInvalid");
        await AssertRefusedAsync(member, "not a credential", "CredentialMalformed");
    }

    private static Task<HttpResponseMessage> PresentAsync(TestMember member, string presentation) =>
        member.Http.PostAsJsonAsync("/api/age/credential", new { presentation });

    private static async Task AssertRefusedAsync(TestMember member, string presentation, string code, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var response = await PresentAsync(member, presentation);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
    }
}
