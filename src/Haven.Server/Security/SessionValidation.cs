using System.Security.Claims;
using Haven.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace Haven.Server.Security;

/// <summary>
/// Runs after every successful authentication (cookie or bearer): a member principal whose
/// server-side session is missing or revoked becomes anonymous, so a revoke applies to the very
/// next request.
/// </summary>
public sealed class SessionValidation(SessionRegistry sessions, IHttpContextAccessor accessor) : IClaimsTransformation
{
    private static readonly object CacheKey = new();

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        // Only the member identity Identity issues; the short-lived two-factor cookie has no session yet.
        if (principal.Identity is not { IsAuthenticated: true, AuthenticationType: var type } || type != IdentityConstants.ApplicationScheme)
            return principal;
        var http = accessor.HttpContext;
        if (http?.Items[CacheKey] is bool cached)
            return cached ? principal : Anonymous;
        var active = await IsActiveAsync(principal, http?.RequestAborted ?? default);
        if (http is not null)
            http.Items[CacheKey] = active;
        return active ? principal : Anonymous;
    }

    private async Task<bool> IsActiveAsync(ClaimsPrincipal principal, CancellationToken ct) =>
        principal.SessionIdOf() is { } sid
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var memberId)
        && await sessions.IsActiveAsync(sid, memberId, ct);

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());
}

/// <summary>
/// Interactive pages live in a long-running circuit that never re-sends the cookie; re-check the
/// session every minute so a revoked device loses its open pages too.
/// </summary>
public sealed class SessionRevalidatingStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (state.User.SessionIdOf() is not { } sid || !Guid.TryParse(state.User.FindFirstValue(ClaimTypes.NameIdentifier), out var memberId))
            return false;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionRegistry>().IsActiveAsync(sid, memberId, cancellationToken);
    }
}

/// <summary>
/// A request whose session was revoked authenticates as nobody; answer it like any signed-out
/// request (401, or the sign-in page) rather than "forbidden", so clients know to sign in again.
/// </summary>
public sealed class SignedOutResultHandler : Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler
{
    private readonly Microsoft.AspNetCore.Authorization.Policy.AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, Microsoft.AspNetCore.Authorization.AuthorizationPolicy policy,
        Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true)
            authorizeResult = Microsoft.AspNetCore.Authorization.Policy.PolicyAuthorizationResult.Challenge();
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
