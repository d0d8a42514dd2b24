using System.Security.Claims;
using Haven.Server.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Haven.Server.Accounts;

/// <summary>Identity's sign-in manager, asking every registered <see cref="ISignInGate"/> as well.</summary>
public sealed class HavenSignInManager(
    UserManager<Member> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Member> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Member>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation,
    IEnumerable<ISignInGate> gates,
    SessionRegistry sessions)
    : SignInManager<Member>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private string? _method;

    public override async Task<bool> CanSignInAsync(Member user)
    {
        if (!await base.CanSignInAsync(user))
            return false;
        var cancellationToken = Context.RequestAborted;
        foreach (var gate in gates)
            if (!await gate.CanSignInAsync(user, cancellationToken))
                return false;
        return true;
    }

    public override Task<SignInResult> PasskeySignInAsync(string credentialJson)
    {
        _method = "passkey";
        return base.PasskeySignInAsync(credentialJson);
    }

    public override Task<SignInResult> TwoFactorRecoveryCodeSignInAsync(string recoveryCode)
    {
        _method = "recovery-code";
        return base.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
    }

    /// <summary>
    /// Every sign-in (password, two-factor, passkey) opens a server-side session whose id goes
    /// into the cookie or token; a refresh of the same member's sign-in keeps its session.
    /// </summary>
    public override async Task SignInWithClaimsAsync(Member user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.Where(c => c.Type != SessionClaims.SessionId).ToList();
        var current = Context.User.SessionIdOf();
        var sameMember = Context.User.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString();
        if (current is not { } sessionId || !sameMember)
        {
            var method = _method ?? (claims.Any(c => c.Type == "amr" && c.Value == "mfa") ? "two-factor" : "password");
            sessionId = (await sessions.OpenAsync(user, Context, method, Context.RequestAborted)).Id;
        }

        claims.Add(new Claim(SessionClaims.SessionId, sessionId.ToString()));
        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }
}
