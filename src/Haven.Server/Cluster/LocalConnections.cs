using System.Collections.Concurrent;
using Haven.Server.Chat;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Cluster;

/// <summary>The chat hub connections held by this node, so it can reach them without the backplane.</summary>
internal sealed class LocalConnections : IHubFilter
{
    private readonly ConcurrentDictionary<string, byte> _ids = new();

    public IReadOnlyList<string> Ids => [.. _ids.Keys];

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await next(context);
        if (context.Hub is ChatHub)
            _ids.TryAdd(context.Context.ConnectionId, 0);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        _ids.TryRemove(context.Context.ConnectionId, out _);
        return next(context, exception);
    }
}
