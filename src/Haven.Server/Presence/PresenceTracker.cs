using System.Collections.Concurrent;
using Haven.Server.Cluster;
using StackExchange.Redis;

namespace Haven.Server.Presence;

/// <summary>
/// Who has a chat connection open, across every node. Each node counts its own connections; with Redis,
/// each member has a hash of node → "online until" that nodes renew while the connection lives, so a
/// node that dies stops counting within <see cref="Lease"/>.
/// </summary>
public sealed partial class PresenceTracker(ClusterBus cluster, TimeProvider clock, ILogger<PresenceTracker> logger)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, int> _local = new();

    /// <returns>True when this made the member online (their first connection anywhere).</returns>
    public async Task<bool> ConnectedAsync(Guid memberId)
    {
        var first = _local.AddOrUpdate(memberId, 1, (_, n) => n + 1) == 1;
        if (!first)
            return false;
        if (Shared() is not { } db)
            return true;
        try
        {
            await db.HashSetAsync(Key(memberId), cluster.NodeId, Until());
            await db.KeyExpireAsync(Key(memberId), Lease);
            return await LiveNodesAsync(db, memberId) == 1;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogUnavailable(logger, exception);
            return true;
        }
    }

    /// <returns>True when this made the member offline (their last connection anywhere closed).</returns>
    public async Task<bool> DisconnectedAsync(Guid memberId)
    {
        var last = _local.AddOrUpdate(memberId, 0, (_, n) => Math.Max(0, n - 1)) == 0;
        if (!last)
            return false;
        _local.TryRemove(new KeyValuePair<Guid, int>(memberId, 0));
        if (Shared() is not { } db)
            return true;
        try
        {
            await db.HashDeleteAsync(Key(memberId), cluster.NodeId);
            return await LiveNodesAsync(db, memberId) == 0;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogUnavailable(logger, exception);
            return true;
        }
    }

    public async Task<IReadOnlySet<Guid>> OnlineAsync(IReadOnlyCollection<Guid> memberIds)
    {
        var online = new HashSet<Guid>();
        if (Shared() is not { } db)
        {
            foreach (var id in memberIds)
                if (_local.TryGetValue(id, out var n) && n > 0)
                    online.Add(id);
            return online;
        }

        try
        {
            var lookups = memberIds.Select(id => (id, db.HashGetAllAsync(Key(id)))).ToList();
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            foreach (var (id, lookup) in lookups)
                if ((await lookup).Any(e => (long)e.Value > now))
                    online.Add(id);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogUnavailable(logger, exception);
            foreach (var id in memberIds)
                if (_local.ContainsKey(id))
                    online.Add(id);
        }

        return online;
    }

    /// <summary>Keeps this node's members online in the shared view while their connections live.</summary>
    public async Task RenewAsync(CancellationToken ct)
    {
        if (Shared() is not { } db)
            return;
        var until = Until();
        var batch = db.CreateBatch();
        var writes = new List<Task>();
        foreach (var (memberId, count) in _local)
        {
            if (count <= 0)
                continue;
            writes.Add(batch.HashSetAsync(Key(memberId), cluster.NodeId, until));
            writes.Add(batch.KeyExpireAsync(Key(memberId), Lease));
        }

        batch.Execute();
        await Task.WhenAll(writes).WaitAsync(ct);
    }

    private IDatabase? Shared() => cluster.Redis is { IsConnected: true } redis ? redis.GetDatabase() : null;

    private RedisKey Key(Guid memberId) => cluster.Key($"presence:{memberId}");

    private long Until() => (clock.GetUtcNow() + Lease).ToUnixTimeMilliseconds();

    private async Task<int> LiveNodesAsync(IDatabase db, Guid memberId)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        return (await db.HashGetAllAsync(Key(memberId))).Count(e => (long)e.Value > now);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared presence unavailable; answering from this node.")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
