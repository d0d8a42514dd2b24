using System.Collections.Concurrent;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

/// <summary>
/// The chat hub connections on this node, by member, so a pause can close them at once (and a restored backplane can
/// ask them to resync, see ClusterRegistration).
/// </summary>
public sealed class HubPresence
{
    private readonly ConcurrentDictionary<string, (Guid MemberId, HubCallerContext Context)> _connections = new();

    public void Add(Guid memberId, HubCallerContext context) => _connections[context.ConnectionId] = (memberId, context);

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    public IReadOnlyList<string> ConnectionIds() => [.. _connections.Keys];

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
/// "Is this member on a break?", asked on every hub call and every message. The member's current pauses are a
/// cached fact (see <see cref="FactCache"/>): starting one or asking to return evicts it on every node at once.
/// </summary>
public sealed class PauseCache(IServiceScopeFactory scopes, FactCache facts, TimeProvider clock)
{
    public async ValueTask<bool> IsPausedAsync(Guid memberId, CancellationToken ct)
    {
        var pauses = await facts.GetOrLoadAsync(Key(memberId), async c =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
            return await db.WellbeingPauses.AsNoTracking().Where(p => p.MemberId == memberId)
                .Where(WellbeingPause.ActiveAt(clock.GetUtcNow())).ToArrayAsync(c);
        }, ct);
        var now = clock.GetUtcNow();
        return Array.Exists(pauses, p => p.IsActiveAt(now));
    }

    public void Forget(Guid memberId) => facts.Evict(Key(memberId));

    private static string Key(Guid memberId) => $"pauses:{memberId}";
}
