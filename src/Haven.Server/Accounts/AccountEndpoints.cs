using System.Security.Claims;
using Haven.Server.Data;
using Haven.Server.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Haven.Server.Accounts;

internal static class AccountEndpoints
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/register", RegisterAsync).AllowAnonymous().RequireRateLimiting(AccountsRegistration.AuthRateLimit);
        group.MapPost("/login", SignInAsync).AllowAnonymous().RequireRateLimiting(AccountsRegistration.AuthRateLimit);
        group.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(AccountsRegistration.AuthRateLimit);
        group.MapPost("/logout", SignOutAsync).RequireAuthorization(Policies.Member);
        group.MapGet("/me", MeAsync).RequireAuthorization(Policies.Member);
    }

    private static async Task<Results<Created<MemberSummary>, ValidationProblem>> RegisterAsync(
        RegisterRequest request, MemberRegistration registration, CancellationToken cancellationToken)
    {
        var (member, errors) = await registration.RegisterAsync(request, cancellationToken);
        if (member is null)
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        return TypedResults.Created("/api/accounts/me", new MemberSummary(member.Id, member.Pseudonym, member.PreferredCulture));
    }

    /// <summary>Bearer tokens by default; <c>?useCookies=true</c> sets the UI cookie instead.</summary>
    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> SignInAsync(
        SignInRequest request, bool? useCookies, SignInManager<Member> signIn)
    {
        signIn.AuthenticationScheme = useCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email.Trim(), request.Password, isPersistent: useCookies == true, lockoutOnFailure: true);
        var secondStep = result.RequiresTwoFactor;
        if (secondStep)
        {
            if (!string.IsNullOrWhiteSpace(request.TwoFactorCode))
                result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode.Replace(" ", "", StringComparison.Ordinal), useCookies == true, rememberClient: false);
            else if (!string.IsNullOrWhiteSpace(request.TwoFactorRecoveryCode))
                result = await signIn.TwoFactorRecoveryCodeSignInAsync(request.TwoFactorRecoveryCode.Replace(" ", "", StringComparison.Ordinal));
            else
                return TypedResults.Problem("Enter the code from your authenticator app, or a recovery code.", statusCode: StatusCodes.Status401Unauthorized,
                    title: "TwoFactorRequired", extensions: new Dictionary<string, object?> { ["code"] = "TwoFactorRequired" });
        }

        if (result.Succeeded)
            return TypedResults.Empty; // the sign-in handler has written the cookie or the token response
        if (result.IsNotAllowed)
            return TypedResults.Problem("You can't sign in right now. If you are taking a break or self-excluded, it is still running.",
                statusCode: StatusCodes.Status403Forbidden, title: "SignInNotAllowed",
                extensions: new Dictionary<string, object?> { ["code"] = "SignInNotAllowed" });
        if (secondStep && !result.IsLockedOut)
            return TypedResults.Problem("That code is not right. Check the newest code in your app, or use an unused recovery code.",
                statusCode: StatusCodes.Status401Unauthorized, title: "CodeInvalid", extensions: new Dictionary<string, object?> { ["code"] = "CodeInvalid" });
        return TypedResults.Problem(
            result.IsLockedOut ? "Too many failed attempts. Please wait a few minutes and try again." : "The email or password is not right.",
            statusCode: StatusCodes.Status401Unauthorized,
            title: result.IsLockedOut ? "Locked out" : "Sign-in failed");
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, SignInManager<Member> signIn, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider clock, SessionRegistry sessions)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } member
            || ticket.Principal.SessionIdOf() is not { } sessionId
            || !await sessions.IsActiveAsync(sessionId, member.Id, CancellationToken.None))
            return TypedResults.Problem("The refresh token is not valid. Please sign in again.", statusCode: StatusCodes.Status401Unauthorized);

        var principal = await signIn.CreateUserPrincipalAsync(member);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionClaims.SessionId, sessionId.ToString()));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> SignOutAsync(HttpContext http, SignInManager<Member> signIn, SessionRegistry sessions)
    {
        if (http.User.SessionIdOf() is { } sessionId)
            await sessions.RevokeAsync(http.User.MemberId(), sessionId, http.RequestAborted);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<MemberSummary>, NotFound>> MeAsync(HttpContext http, HavenDbContext db)
    {
        var member = await db.Users.FindAsync(http.User.MemberId());
        return member is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(new MemberSummary(member.Id, member.Pseudonym, member.PreferredCulture));
    }
}
