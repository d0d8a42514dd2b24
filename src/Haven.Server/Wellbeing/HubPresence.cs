using System.Collections.Concurrent;
using Haven.Server.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Wellbeing;

/// <summary>The chat hub connections on this node, by member, so a pause can close them at once.</summary>
public sealed class HubPresence
{
    private readonly ConcurrentDictionary<string, (Guid MemberId, HubCallerContext Context)> _connections = new();

    public void Add(Guid memberId, HubCallerContext context) => _connections[context.ConnectionId] = (memberId, context);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyCollection<Guid> Members() => _connections.Values.Select(c => c.MemberId).Distinct().ToList();

    public int Abort(Guid memberId)
    {
        var closed = 0;
        foreach (var (id, connection) in _connections)
        {
            if (connection.MemberId != memberId)
                continue;
            connection.Context.Abort();
            _connections.TryRemove(id, out _);
            closed++;
        }

        return closed;
    }
}

/// <summary>
/// "Is this member on a break?" for the hub, asked on every invocation. A "no" is trusted for a few
/// seconds per node; a pause started on this node clears it at once, other nodes notice within the
/// interval (and their sweep closes the connections).
/// </summary>
public sealed class PauseCache(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WellbeingOptions> options)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _clearUntil = new();

    public async ValueTask<bool> IsPausedAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_clearUntil.TryGetValue(memberId, out var until) && now < until)
            return false;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var paused = await db.WellbeingPauses.Where(p => p.MemberId == memberId).AnyAsync(WellbeingPause.ActiveAt(now), ct);
        if (paused)
            _clearUntil.TryRemove(memberId, out _);
        else
            _clearUntil[memberId] = now.AddSeconds(options.Value.PauseCheckSeconds);
        return paused;
    }

    public void Forget(Guid memberId) => _clearUntil.TryRemove(memberId, out _);
}
