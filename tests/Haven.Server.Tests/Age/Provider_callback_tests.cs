using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Haven.Server.Age;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Age;

public sealed class Provider_callback_tests(AgeAppFixture fixture) : IClassFixture<AgeAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Signed_callback_within_five_minutes_verifies_the_member()
    {
        var (member, session) = await StartAsync();
        var response = await CallbackAsync(Body(session), DateTimeOffset.UtcNow);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var status = await member.Http.GetFromJsonAsync<AgeStatusView>("/api/age");
        Assert.True(status!.Verified);
        Assert.Equal(AgeMethod.Provider, status.Method);
        Assert.Equal(AgeAppFixture.ProviderName, await App.QueryAsync(db => db.AgeChecks.Where(c => c.MemberId == member.Id).Select(c => c.Issuer).SingleAsync()));
    }

    [Fact]
    public async Task Callback_with_a_bad_signature_is_rejected()
    {
        var (member, session) = await StartAsync();
        var body = Body(session);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString();

        await AssertRefusedAsync(await CallbackAsync(body, DateTimeOffset.UtcNow, signWith: "not-the-secret-not-the-secret-not-the-secret"), HttpStatusCode.Unauthorized, "SignatureInvalid");
        // Signed correctly, then the body changed (the outcome upgraded in transit).
        var signature = ProviderVerifier.Sign(AgeAppFixture.ProviderSecret, timestamp, Encoding.UTF8.GetBytes(Body(session, "under_18")));
        await AssertRefusedAsync(await SendAsync(body, timestamp, signature), HttpStatusCode.Unauthorized, "SignatureInvalid");
        await AssertRefusedAsync(await SendAsync(body, timestamp, null), HttpStatusCode.Unauthorized, "SignatureInvalid");

        Assert.False(await IsVerifiedAsync(member));
    }

    [Fact]
    public async Task Callback_with_a_stale_or_future_timestamp_is_rejected()
    {
        var (member, session) = await StartAsync();

        await AssertRefusedAsync(await CallbackAsync(Body(session), DateTimeOffset.UtcNow.AddMinutes(-6)), HttpStatusCode.Unauthorized, "TimestampStale");
        await AssertRefusedAsync(await CallbackAsync(Body(session), DateTimeOffset.UtcNow.AddMinutes(6)), HttpStatusCode.Unauthorized, "TimestampStale");

        Assert.False(await IsVerifiedAsync(member));
    }

    [Fact]
    public async Task Callback_is_accepted_only_once()
    {
        var (member, session) = await StartAsync();
        var body = Body(session);
        Assert.Equal(HttpStatusCode.NoContent, (await CallbackAsync(body, DateTimeOffset.UtcNow)).StatusCode);

        // The identical callback again, and a new event for the same session.
        await AssertRefusedAsync(await CallbackAsync(body, DateTimeOffset.UtcNow), HttpStatusCode.Conflict, "CallbackReplayed");
        await AssertRefusedAsync(await CallbackAsync(Body(session, "under_18"), DateTimeOffset.UtcNow), HttpStatusCode.Conflict, "CallbackReplayed");

        Assert.Equal(1, await App.QueryAsync(db => db.AgeChecks.CountAsync(c => c.MemberId == member.Id)));
        Assert.True(await IsVerifiedAsync(member));
    }

    [Fact]
    public async Task Provider_saying_under_18_leaves_the_member_unverified()
    {
        var (member, session) = await StartAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await CallbackAsync(Body(session, "under_18"), DateTimeOffset.UtcNow)).StatusCode);
        Assert.False(await IsVerifiedAsync(member));
    }

    private async Task<(TestMember Member, Guid Session)> StartAsync()
    {
        var member = await App.RegisterAsync(verified: false);
        var response = await member.Http.PostAsync("/api/age/checks/provider", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var start = await response.Content.ReadFromJsonAsync<AgeCheckStart>();
        Assert.Equal($"https://age.example/start?ref={start!.SessionId:N}", start.RedirectUrl);
        return (member, start.SessionId!.Value);
    }

    private static string Body(Guid session, string result = "over_18") =>
        JsonSerializer.Serialize(new { eventId = Guid.NewGuid().ToString(), sessionId = session, result, assurance = "High" });

    private Task<HttpResponseMessage> CallbackAsync(string body, DateTimeOffset at, string signWith = AgeAppFixture.ProviderSecret)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString();
        return SendAsync(body, timestamp, ProviderVerifier.Sign(signWith, timestamp, Encoding.UTF8.GetBytes(body)));
    }

    private async Task<HttpResponseMessage> SendAsync(string body, string timestamp, string? signature)
    {
        using var client = App.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/age/provider/callback") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(ProviderVerifier.TimestampHeader, timestamp);
        if (signature is not null)
            request.Headers.Add(ProviderVerifier.SignatureHeader, signature);
        return await client.SendAsync(request);
    }

    private async Task<bool> IsVerifiedAsync(TestMember member) =>
        (await member.Http.GetFromJsonAsync<AgeStatusView>("/api/age"))!.Verified;

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }
}
