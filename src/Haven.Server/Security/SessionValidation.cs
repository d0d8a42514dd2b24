using System.Security.Claims;
using Haven.Server.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace Haven.Server.Security;

/// <summary>
/// Runs after every successful authentication (cookie or bearer): a member principal whose
/// security stamp is outdated (Accounts' <see cref="SecurityStampCheck"/>) or whose server-side
/// session is missing or revoked becomes anonymous, so a revoke applies to the very next request.
/// ASP.NET Core uses one transformation, so this one replaces the stamp-only one and does both.
/// </summary>
public sealed class SessionValidation(SessionRegistry sessions, SecurityStampCheck stamps, IHttpContextAccessor accessor) : IClaimsTransformation
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
        await stamps.IsCurrentAsync(principal, ct)
        && principal.SessionIdOf() is { } sid
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var memberId)
        && await sessions.IsActiveAsync(sid, memberId, ct);

    private static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());
}

/// <summary>
/// Interactive pages live in a long-running circuit that never re-sends the cookie; re-check the
/// security stamp and the session so a signed-out or revoked device loses its open pages too.
/// Replaces Accounts' stamp-only provider (there is one provider).
/// </summary>
public sealed class SessionRevalidatingStateProvider(ILoggerFactory loggers, IServiceScopeFactory scopes, SecurityStampCheck stamps,
    Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval =>
        options.Value.ValidationInterval < TimeSpan.FromMinutes(1) ? options.Value.ValidationInterval : TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        if (!await stamps.IsCurrentAsync(state.User, cancellationToken))
            return false;
        if (state.User.SessionIdOf() is not { } sid || !Guid.TryParse(state.User.FindFirstValue(ClaimTypes.NameIdentifier), out var memberId))
            return false;
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SessionRegistry>().IsActiveAsync(sid, memberId, cancellationToken);
    }
}

