using Haven.Server.Accounts;
using Haven.Server.Chat;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Wellbeing;

/// <summary>
/// The chat hub's door: a member on a break cannot connect or call anything, every connection is
/// known so a pause can close it, and connecting is a usage ping. Calls are not pings of their own: a caller is
/// connected, and <see cref="WellbeingSweeper"/> counts every connected member each minute, so a write per call
/// would only make messages wait for it.
/// </summary>
internal sealed class WellbeingHubFilter(HubPresence presence, PauseCache pauses, UsageRecorder usage) : IHubFilter
{
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        if (context.Hub is not ChatHub)
        {
            await next(context);
            return;
        }

        var memberId = context.Context.User!.MemberId();
        var aborted = context.Context.ConnectionAborted;
        if (await pauses.IsPausedAsync(memberId, aborted))
            throw Refused();
        presence.Add(memberId, context.Context);
        await usage.TouchAsync(memberId, aborted);
        await next(context);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        presence.Remove(context.Context.ConnectionId);
        return next(context, exception);
    }

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Hub is not ChatHub)
            return await next(invocationContext);
        var memberId = invocationContext.Context.User!.MemberId();
        var aborted = invocationContext.Context.ConnectionAborted;
        // Refuse rather than abort: aborting here races the refusal, and the member should learn why.
        // The node that started the pause closes its connections at once, other nodes' sweeps soon after.
        if (await pauses.IsPausedAsync(memberId, aborted))
            throw Refused();
        return await next(invocationContext);
    }

    private static HubException Refused() => new($"{WellbeingRefusals.Paused.Code}: {WellbeingRefusals.Paused.Message}");
}
