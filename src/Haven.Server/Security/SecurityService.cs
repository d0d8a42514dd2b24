using System.Buffers.Text;
using System.Text;
using System.Threading.RateLimiting;
using Haven.Server.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Haven.Server.Security;

/// <summary>Two-factor, passkeys and account recovery for the signed-in member (or, for recovery, anyone).</summary>
public sealed partial class SecurityService(
    UserManager<Member> users,
    SignInManager<Member> signIn,
    SessionRegistry sessions,
    IEmailSender email,
    RecoveryThrottle throttle,
    IOptions<SecurityOptions> options,
    ILogger<SecurityService> logger)
{
    public const int RecoveryCodeCount = 10;
    private const int MaxPasskeys = 20;

    /// <summary>For interactive pages, which have a member id but no request.</summary>
    public async Task<Member> MemberAsync(Guid memberId) =>
        await users.FindByIdAsync(memberId.ToString()) ?? throw new InvalidOperationException("The signed-in member no longer exists.");

    public async Task<TwoFactorStatus> StatusAsync(Member member) =>
        new(await users.GetTwoFactorEnabledAsync(member), await users.CountRecoveryCodesAsync(member), (await users.GetPasskeysAsync(member)).Count);

    /// <summary>The shared key to type or scan into an authenticator app (created on first use).</summary>
    public async Task<AuthenticatorSetup> AuthenticatorAsync(Member member)
    {
        var key = await users.GetAuthenticatorKeyAsync(member);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(member);
            key = await users.GetAuthenticatorKeyAsync(member);
        }

        var label = Uri.EscapeDataString("Haven:" + member.Pseudonym);
        return new AuthenticatorSetup(key!, $"otpauth://totp/{label}?secret={key}&issuer=Haven&digits=6");
    }

    /// <summary>Turns two-factor on once the app has shown it produces valid codes; returns fresh recovery codes.</summary>
    public async Task<Outcome<RecoveryCodes>> EnableTwoFactorAsync(Member member, string code, HttpContext? http, CancellationToken ct)
    {
        var normalized = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(member, users.Options.Tokens.AuthenticatorTokenProvider, normalized))
            return new Refusal(StatusCodes.Status400BadRequest, "CodeInvalid", "That code is not right. Check the time on your phone and try the newest code.");
        await users.SetTwoFactorEnabledAsync(member, true);
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(member, RecoveryCodeCount);
        await sessions.NoteAsync(member.Id, SecurityNoticeKind.TwoFactorEnabled, http, ct);
        return new RecoveryCodes([.. codes ?? []]);
    }

    public async Task DisableTwoFactorAsync(Member member, HttpContext? http, CancellationToken ct)
    {
        await users.SetTwoFactorEnabledAsync(member, false);
        await users.ResetAuthenticatorKeyAsync(member);
        await sessions.NoteAsync(member.Id, SecurityNoticeKind.TwoFactorDisabled, http, ct);
    }

    public async Task<Outcome<RecoveryCodes>> NewRecoveryCodesAsync(Member member)
    {
        if (!await users.GetTwoFactorEnabledAsync(member))
            return new Refusal(StatusCodes.Status409Conflict, "TwoFactorOff", "Turn on two-step sign-in first.");
        return new RecoveryCodes([.. await users.GenerateNewTwoFactorRecoveryCodesAsync(member, RecoveryCodeCount) ?? []]);
    }

    public Task<string> PasskeyCreationOptionsAsync(Member member) =>
        signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = member.Id.ToString(),
            Name = member.Email ?? member.Pseudonym,
            DisplayName = member.Pseudonym,
        });

    public async Task<Outcome<PasskeyView>> AddPasskeyAsync(Member member, PasskeyCredentialRequest request, HttpContext http, CancellationToken ct)
    {
        if ((await users.GetPasskeysAsync(member)).Count >= MaxPasskeys)
            return new Refusal(StatusCodes.Status409Conflict, "TooManyPasskeys", $"You can keep up to {MaxPasskeys} passkeys.");
        var attestation = await signIn.PerformPasskeyAttestationAsync(request.CredentialJson);
        if (!attestation.Succeeded)
        {
            LogPasskeyRejected(logger, attestation.Failure.Message);
            return new Refusal(StatusCodes.Status400BadRequest, "PasskeyInvalid", "The passkey could not be added. Please try again.");
        }

        var passkey = attestation.Passkey;
        passkey.Name = string.IsNullOrWhiteSpace(request.Name) ? SessionRegistry.Describe(http.Request.Headers.UserAgent.ToString()) : request.Name.Trim();
        var added = await users.AddOrUpdatePasskeyAsync(member, passkey);
        if (!added.Succeeded)
            return new Refusal(StatusCodes.Status409Conflict, "PasskeyInvalid", "The passkey could not be added. Please try again.");
        await sessions.NoteAsync(member.Id, SecurityNoticeKind.PasskeyAdded, http, ct);
        return View(passkey);
    }

    public async Task<IReadOnlyList<PasskeyView>> PasskeysAsync(Member member) =>
        (await users.GetPasskeysAsync(member)).Select(View).ToList();

    public async Task<bool> RemovePasskeyAsync(Member member, string id)
    {
        if (id.Length == 0 || !Base64Url.IsValid(id))
            return false;
        return (await users.RemovePasskeyAsync(member, Base64Url.DecodeFromChars(id))).Succeeded;
    }

    /// <summary>
    /// Sends a reset link if the address belongs to a member and neither the address nor the
    /// account is being flooded. The caller answers the same way in every case.
    /// </summary>
    public async Task RequestPasswordResetAsync(string address, string baseUrl, CancellationToken ct)
    {
        var member = await users.FindByEmailAsync(address.Trim());
        if (member is null || !throttle.TryAcquire(member.Id))
            return;
        var token = await users.GeneratePasswordResetTokenAsync(member);
        var encoded = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(token));
        var link = $"{(options.Value.PublicBaseUrl ?? baseUrl).TrimEnd('/')}/reset-password?email={Uri.EscapeDataString(member.Email!)}&token={encoded}";
        var body = member.PreferredCulture == "id"
            ? $"Hai {member.Pseudonym}, seseorang meminta untuk mengatur ulang kata sandi akun Haven kamu. Kalau itu kamu, buka tautan ini: {link}\nKalau bukan kamu, abaikan email ini. Kata sandimu tidak berubah."
            : $"Hi {member.Pseudonym}, someone asked to reset the password of your Haven account. If that was you, open this link: {link}\nIf it wasn't you, ignore this email. Your password has not changed.";
        await email.SendAsync(member.Email!, member.PreferredCulture == "id" ? "Atur ulang kata sandi Haven" : "Reset your Haven password", body, ct);
    }

    /// <summary>Sets a new password with an emailed token and signs every existing session out.</summary>
    public async Task<Refusal?> ResetPasswordAsync(ResetPasswordRequest request, HttpContext http, CancellationToken ct)
    {
        var invalid = new Refusal(StatusCodes.Status400BadRequest, "ResetLinkInvalid", "This reset link is not valid or has expired. Please ask for a new one.");
        var member = await users.FindByEmailAsync(request.Email.Trim());
        if (member is null)
            return invalid;
        string token;
        try
        {
            token = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(request.Token));
        }
        catch (FormatException)
        {
            return invalid;
        }

        var result = await users.ResetPasswordAsync(member, token, request.NewPassword);
        if (!result.Succeeded)
        {
            var weak = result.Errors.FirstOrDefault(e => e.Code.StartsWith("Password", StringComparison.Ordinal));
            return weak is null ? invalid : new Refusal(StatusCodes.Status400BadRequest, "PasswordWeak", weak.Description);
        }

        // Whoever held the account before the reset loses it now, on every device.
        await sessions.RevokeAllAsync(member.Id, except: null, ct);
        await users.SetLockoutEndDateAsync(member, null);
        await users.ResetAccessFailedCountAsync(member);
        await sessions.NoteAsync(member.Id, SecurityNoticeKind.PasswordReset, http, ct);
        return null;
    }

    private static PasskeyView View(UserPasskeyInfo p) =>
        new(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "Passkey attestation rejected: {Reason}")]
    private static partial void LogPasskeyRejected(ILogger logger, string reason);
}

/// <summary>Caps reset emails per account, so nobody can flood a member's inbox from many addresses.</summary>
public sealed class RecoveryThrottle(IOptions<SecurityOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _addresses = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RecoveryRequestsPerWindow,
            Window = TimeSpan.FromMinutes(options.Value.RecoveryWindowMinutes),
            QueueLimit = 0,
        }));

    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(id =>
        RateLimitPartition.GetFixedWindowLimiter(id, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.RecoveryEmailsPerAccount,
            Window = TimeSpan.FromMinutes(options.Value.RecoveryWindowMinutes),
            QueueLimit = 0,
        }));

    public bool TryAcquire(Guid memberId)
    {
        using var lease = _limiter.AttemptAcquire(memberId);
        return lease.IsAcquired;
    }

    /// <summary>The same per-address limit the API's rate limiter applies, for the server-rendered recovery pages.</summary>
    public bool TryAcquireAddress(HttpContext http)
    {
        using var lease = _addresses.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _addresses.Dispose();
    }
}
