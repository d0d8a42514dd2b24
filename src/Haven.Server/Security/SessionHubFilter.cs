using Haven.Server.Accounts;
using Haven.Server.Chat;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Security;

/// <summary>
/// A hub connection outlives the request that authenticated it. Each hub call re-checks the
/// session and a revoked one is refused; a reconnect is refused at authentication.
/// </summary>
public sealed class SessionHubFilter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        // Global filters reach Blazor's circuit hub too; circuits have their own revalidator.
        var user = invocationContext.Context.User;
        if (invocationContext.Hub is ChatHub && user?.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme)
        {
            var sessions = invocationContext.ServiceProvider.GetRequiredService<SessionRegistry>();
            var active = user.SessionIdOf() is { } sid
                && await sessions.IsActiveAsync(sid, user.MemberId(), invocationContext.Context.ConnectionAborted);
            if (!active)
                throw new HubException("SessionEnded: You were signed out on this device. Please sign in again.");
        }

        return await next(invocationContext);
    }
}
