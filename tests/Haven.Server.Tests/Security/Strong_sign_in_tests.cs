using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Haven.Server.Chat;
using Haven.Server.Security;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Security;

public sealed partial class Strong_sign_in_tests(SecurityAppFixture fixture) : IClassFixture<SecurityAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Totp_sign_in_needs_the_current_code_once_two_factor_is_on()
    {
        var member = await App.RegisterAsync();
        var setup = await (await member.Http.PostAsync("/api/accounts/security/two-factor/authenticator", null)).Content.ReadFromJsonAsync<AuthenticatorSetup>();
        Assert.StartsWith("otpauth://totp/", setup!.AuthenticatorUri);

        var wrongEnable = await member.Http.PostAsJsonAsync("/api/accounts/security/two-factor/enable", new { code = "000000" == Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongEnable.StatusCode);
        var enabled = await member.Http.PostAsJsonAsync("/api/accounts/security/two-factor/enable", new { code = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recovery = await enabled.Content.ReadFromJsonAsync<RecoveryCodes>();
        Assert.Equal(10, recovery!.Codes.Count);

        var passwordOnly = await LoginAsync(new { email = member.Email, password = member.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.Equal("TwoFactorRequired", (await passwordOnly.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
        var wrongCode = await LoginAsync(new { email = member.Email, password = member.Password, twoFactorCode = Shift(Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow)) });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongCode.StatusCode);
        Assert.Equal("CodeInvalid", (await wrongCode.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);

        var withCode = await LoginAsync(new { email = member.Email, password = member.Password, twoFactorCode = Totp.Code(setup.SharedKey, DateTimeOffset.UtcNow) });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WithToken(await TokenOf(withCode)).GetAsync("/api/accounts/me")).StatusCode);

        // A recovery code works exactly once.
        var withRecovery = await LoginAsync(new { email = member.Email, password = member.Password, twoFactorRecoveryCode = recovery.Codes[0] });
        Assert.Equal(HttpStatusCode.OK, withRecovery.StatusCode);
        var reused = await LoginAsync(new { email = member.Email, password = member.Password, twoFactorRecoveryCode = recovery.Codes[0] });
        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        // Turning two-step sign-in on changed the security stamp: sessions from before it are signed out.
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Http.GetAsync("/api/accounts/me")).StatusCode);
        var sessions = await WithToken(await TokenOf(withRecovery)).GetFromJsonAsync<List<SessionView>>("/api/accounts/security/sessions");
        Assert.Contains(sessions!, s => s.Method == "two-factor");
        Assert.Contains(sessions!, s => s.Method == "recovery-code");
    }

    [Fact]
    public async Task Passkey_registered_with_a_software_authenticator_signs_in()
    {
        var member = await App.RegisterAsync();
        var origin = App.BaseAddress.GetLeftPart(UriPartial.Authority);
        using var authenticator = new SoftwareAuthenticator(origin);
        using var device = BrowserLike(origin);
        device.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);

        var creation = await (await device.PostAsync("/api/accounts/security/passkeys/options", null)).Content.ReadAsStringAsync();
        var added = await device.PostAsJsonAsync("/api/accounts/security/passkeys", new { credentialJson = authenticator.Create(creation), name = "Test key" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var listed = await member.Http.GetFromJsonAsync<List<PasskeyView>>("/api/accounts/security/passkeys");
        Assert.Equal(authenticator.CredentialId, Assert.Single(listed!).Id);

        using var browser = BrowserLike(origin);
        var request = await (await browser.PostAsJsonAsync("/api/accounts/passkey/options", new { })).Content.ReadAsStringAsync();
        var forged = await browser.PostAsJsonAsync("/api/accounts/passkey/login", new { credentialJson = authenticator.Get(request, tamper: true) });
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);

        request = await (await browser.PostAsJsonAsync("/api/accounts/passkey/options", new { })).Content.ReadAsStringAsync();
        var signedIn = await browser.PostAsJsonAsync("/api/accounts/passkey/login", new { credentialJson = authenticator.Get(request) });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var me = await WithToken(await TokenOf(signedIn)).GetFromJsonAsync<MemberSummaryDto>("/api/accounts/me");
        Assert.Equal(member.Id, me!.Id);

        // Removed passkeys no longer sign in.
        Assert.Equal(HttpStatusCode.NoContent, (await member.Http.DeleteAsync($"/api/accounts/security/passkeys/{authenticator.CredentialId}")).StatusCode);
        Assert.Empty((await member.Http.GetFromJsonAsync<List<PasskeyView>>("/api/accounts/security/passkeys"))!);
        request = await (await browser.PostAsJsonAsync("/api/accounts/passkey/options", new { })).Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.PostAsJsonAsync("/api/accounts/passkey/login", new { credentialJson = authenticator.Get(request) })).StatusCode);
    }

    [Fact]
    public async Task Revoking_a_session_signs_that_device_out_on_its_next_request()
    {
        var member = await App.RegisterAsync();
        var phone = WithToken(await App.SignInAsync(member.Email, member.Password));
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/accounts/me")).StatusCode);

        var sessions = await member.Http.GetFromJsonAsync<List<SessionView>>("/api/accounts/security/sessions");
        Assert.Equal(2, sessions!.Count);
        var mine = Assert.Single(sessions, s => s.Current);
        var other = Assert.Single(sessions, s => !s.Current);

        var stranger = await App.RegisterAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.DeleteAsync($"/api/accounts/security/sessions/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/accounts/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await member.Http.DeleteAsync($"/api/accounts/security/sessions/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.Http.GetAsync("/api/accounts/me")).StatusCode);
        var left = await member.Http.GetFromJsonAsync<List<SessionView>>("/api/accounts/security/sessions");
        Assert.Equal(mine.Id, Assert.Single(left!).Id);
    }

    [Fact]
    public async Task Revoking_a_session_refuses_calls_on_its_open_hub_connection()
    {
        var member = await App.RegisterAsync();
        var other = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(member, other);
        var phoneToken = await App.SignInAsync(member.Email, member.Password);
        var phone = member with { Token = phoneToken, Http = WithToken(phoneToken) };
        await using var hub = await App.ConnectHubAsync(phone);
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "from my phone"));

        var sessions = await member.Http.GetFromJsonAsync<List<SessionView>>("/api/accounts/security/sessions");
        await member.Http.DeleteAsync($"/api/accounts/security/sessions/{sessions!.Single(s => !s.Current).Id}");

        var refused = await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() => hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "still here?")));
        HubErrors.AssertCode("SessionEnded", refused);
        await Assert.ThrowsAnyAsync<Exception>(() => App.ConnectHubAsync(phone));
        Assert.Equal(1, await App.QueryAsync(db => db.Messages.CountAsync(m => m.ConversationId == conversationId)));
    }

    [Fact]
    public async Task Revoked_cookie_session_is_refused_too()
    {
        var member = await App.RegisterAsync();
        using var browser = App.NewClient();
        var signedIn = await browser.PostAsJsonAsync("/api/accounts/login?useCookies=true", new { email = member.Email, password = member.Password });
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/accounts/me")).StatusCode);

        await member.Http.PostAsync("/api/accounts/security/sessions/revoke-others", null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/accounts/me")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_from_a_new_device_leaves_a_notice_but_a_known_device_does_not()
    {
        var member = await App.RegisterAsync(); // first sign-in: the device the account was made on
        Assert.Empty((await member.Http.GetFromJsonAsync<List<NoticeView>>("/api/accounts/security/notices"))!);

        using var laptop = App.NewClient();
        laptop.DefaultRequestHeaders.UserAgent.ParseAdd("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36");
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsJsonAsync("/api/accounts/login", new { email = member.Email, password = member.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsJsonAsync("/api/accounts/login", new { email = member.Email, password = member.Password })).StatusCode);

        var notices = await member.Http.GetFromJsonAsync<List<NoticeView>>("/api/accounts/security/notices");
        var notice = Assert.Single(notices!);
        Assert.Equal(SecurityNoticeKind.NewDeviceSignIn, notice.Kind);
        Assert.Equal("Chrome · Linux", notice.Device);
        Assert.False(notice.Seen);
        var devices = await App.QueryAsync(db => db.KnownDevices.Where(d => d.MemberId == member.Id).Select(d => d.Fingerprint).ToListAsync());
        Assert.Equal(2, devices.Count);
        Assert.All(devices, f => Assert.Matches("^[0-9a-f]{64}$", f));

        await member.Http.PostAsync("/api/accounts/security/notices/seen", null);
        Assert.True(Assert.Single((await member.Http.GetFromJsonAsync<List<NoticeView>>("/api/accounts/security/notices"))!).Seen);
    }

    [Fact]
    public async Task Password_reset_answers_the_same_for_unknown_addresses_and_signs_out_everywhere()
    {
        var member = await App.RegisterAsync();
        using var anonymous = App.NewClient();

        var known = await anonymous.PostAsJsonAsync("/api/accounts/password/forgot", new { email = member.Email });
        var unknown = await anonymous.PostAsJsonAsync("/api/accounts/password/forgot", new { email = "nobody-" + member.Email });
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(known.Content.Headers.ContentLength, unknown.Content.Headers.ContentLength);
        Assert.Equal(0, await App.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == "nobody-" + member.Email)));

        var email = await App.QueryAsync(db => db.OutboxEmails.SingleAsync(e => e.To == member.Email));
        var link = ResetLink().Match(email.Body);
        Assert.True(link.Success, "the email carries a reset link");
        var token = link.Groups["token"].Value;

        var wrongAccount = await anonymous.PostAsJsonAsync("/api/accounts/password/reset", new { email = "nobody-" + member.Email, token, newPassword = "a brand new passphrase 42" });
        var garbage = await anonymous.PostAsJsonAsync("/api/accounts/password/reset", new { email = member.Email, token = "bm90IGEgdG9rZW4", newPassword = "a brand new passphrase 42" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongAccount.StatusCode);
        var (wrongProblem, garbageProblem) = (await wrongAccount.Content.ReadFromJsonAsync<ProblemDetails>(), await garbage.Content.ReadFromJsonAsync<ProblemDetails>());
        Assert.Equal((wrongProblem!.Title, wrongProblem.Detail), (garbageProblem!.Title, garbageProblem.Detail));

        var reset = await anonymous.PostAsJsonAsync("/api/accounts/password/reset", new { email = member.Email, token, newPassword = "a brand new passphrase 42" });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.Http.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(new { email = member.Email, password = member.Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(new { email = member.Email, password = "a brand new passphrase 42" })).StatusCode);
        var again = await anonymous.PostAsJsonAsync("/api/accounts/password/reset", new { email = member.Email, token, newPassword = "yet another passphrase 43" });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Reset_emails_to_one_account_are_capped_while_answers_stay_the_same()
    {
        var member = await App.RegisterAsync();
        using var anonymous = App.NewClient();
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await anonymous.PostAsJsonAsync("/api/accounts/password/forgot", new { email = member.Email })).StatusCode);
        Assert.Equal(3, await App.QueryAsync(db => db.OutboxEmails.CountAsync(e => e.To == member.Email)));
    }

    [Fact]
    public async Task Recovery_requests_from_one_address_are_rate_limited()
    {
        var directory = Haven.Testing.TestTempDirectory.Create("recovery-limit");
        try
        {
            await using var app = HavenApp.Sqlite(directory, new Dictionary<string, string?> { ["Haven:Security:RecoveryRequestsPerWindow"] = "2" }).Start();
            using var anonymous = app.NewClient();
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++)
                statuses.Add((await anonymous.PostAsJsonAsync("/api/accounts/password/forgot", new { email = $"someone{i}@example.test" })).StatusCode);
            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], statuses);
        }
        finally
        {
            await Haven.Testing.TestTempDirectory.DeleteAsync(directory);
        }
    }

    private async Task<HttpResponseMessage> LoginAsync(object body)
    {
        using var client = App.NewClient();
        return await client.PostAsJsonAsync("/api/accounts/login", body);
    }

    private HttpClient WithToken(string token)
    {
        var client = App.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A client that sends an Origin header, as browsers do on every WebAuthn POST.</summary>
    private HttpClient BrowserLike(string origin)
    {
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add("Origin", origin);
        return client;
    }

    private static async Task<string> TokenOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<TokenDto>())!.AccessToken;

    private static string Shift(string code) =>
        string.Concat(code.Select(c => (char)('0' + (c - '0' + 5) % 10)));

    [GeneratedRegex(@"/reset-password\?email=[^&\s]+&token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex ResetLink();
}
