using Haven.Server.Accounts;
using Haven.Server.Chat;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Presence;

/// <summary>Counts chat connections in and out and announces a member's first and last one.</summary>
internal sealed partial class PresenceHubFilter(PresenceTracker tracker, IServiceScopeFactory scopes, ILogger<PresenceHubFilter> logger) : IHubFilter
{
    private static readonly object Counted = new();

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        if (context.Hub is not ChatHub || context.Context.User?.MemberId() is not { } memberId)
            return;
        context.Context.Items[Counted] = true;
        if (await tracker.ConnectedAsync(memberId))
            await AnnounceAsync(memberId, online: true);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        await next(context, exception);
        if (!context.Context.Items.ContainsKey(Counted) || context.Context.User?.MemberId() is not { } memberId)
            return;
        if (await tracker.DisconnectedAsync(memberId))
            await AnnounceAsync(memberId, online: false);
    }

    // Best effort: presence is a courtesy, and a failure here must never break connecting or leaving.
    private async Task AnnounceAsync(Guid memberId, bool online)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PresenceService>().AnnounceAsync(memberId, online, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            LogAnnounceFailed(logger, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce a presence change.")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception);
}
