using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Haven.Server.Accounts;

/// <summary>
/// Whether a principal's security stamp is still the member's current one. Identity checks cookies
/// itself (at <see cref="SecurityStampValidatorOptions.ValidationInterval"/>), but bearer tokens and
/// long-lived Blazor circuits are never re-checked; this closes both gaps, so changing the stamp
/// (self-exclusion, a password change) signs the member out everywhere within that interval,
/// and at once on the node that changed it.
/// </summary>
public sealed class SecurityStampCheck(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<SecurityStampValidatorOptions> validatorOptions,
    IOptions<IdentityOptions> identityOptions)
{
    private readonly ConcurrentDictionary<Guid, (string? Stamp, DateTimeOffset CheckedAt)> _known = new();

    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var memberId))
            return true;
        var claimed = principal.FindFirstValue(identityOptions.Value.ClaimsIdentity.SecurityStampClaimType);
        var now = clock.GetUtcNow();
        // Only a match is trusted from the cache: a mismatch may be a token issued after the stamp
        // changed (two-step sign-in turned on, a password reset), so it is read again before refusing.
        if (_known.TryGetValue(memberId, out var known) && now - known.CheckedAt < validatorOptions.Value.ValidationInterval
            && known.Stamp is not null && known.Stamp == claimed)
            return true;

        ct.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
        var member = await users.FindByIdAsync(memberId.ToString());
        var stamp = member?.SecurityStamp;
        _known[memberId] = (stamp, now);
        return stamp is not null && stamp == claimed;
    }

    public void Forget(Guid memberId) => _known.TryRemove(memberId, out _);
}

/// <summary>Turns a principal with an outdated stamp (cookie or bearer) into an anonymous one.</summary>
internal sealed class SecurityStampTransformation(SecurityStampCheck check, IHttpContextAccessor http) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
        principal.Identity?.IsAuthenticated == true
            && !await check.IsCurrentAsync(principal, http.HttpContext?.RequestAborted ?? CancellationToken.None)
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : principal;
}

/// <summary>Re-checks the stamp of an open Blazor circuit, which otherwise outlives a sign-out elsewhere.</summary>
internal sealed class StampRevalidatingStateProvider(
    ILoggerFactory loggerFactory,
    SecurityStampCheck check,
    IOptions<SecurityStampValidatorOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.ValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        await check.IsCurrentAsync(authenticationState.User, cancellationToken);
}

/// <summary>
/// A token or cookie whose stamp is outdated still "authenticates" before the transformation empties
/// it, which authorization would answer with 403; the member is simply signed out, so challenge (401 or sign-in page).
/// </summary>
internal sealed class SignedOutChallengeHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult) =>
        _default.HandleAsync(next, context, policy,
            authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true ? PolicyAuthorizationResult.Challenge() : authorizeResult);
}
