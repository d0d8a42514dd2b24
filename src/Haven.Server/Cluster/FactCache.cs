using Microsoft.Extensions.Caching.Memory;

namespace Haven.Server.Cluster;

/// <summary>
/// Facts the message path asks about on every message — is the sender verified, blocked, on a break, is the
/// session live, who is in the conversation — change rarely. Each node keeps them in memory; whoever changes
/// one evicts its key on every node (through Redis when several nodes run), and entries also expire after a
/// few minutes so a lost eviction cannot keep a stale fact forever.
/// </summary>
public sealed class FactCache(ClusterBus bus) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = 500_000 });
    private long _generation;

    public async ValueTask<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        if (_cache.TryGetValue(key, out T? cached))
            return cached!;
        // An eviction that lands while we load means the loaded value may already be stale: use it, don't keep it.
        var generation = Interlocked.Read(ref _generation);
        var value = await load(ct);
        if (Interlocked.Read(ref _generation) == generation)
            _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return value;
    }

    /// <summary>Call after the change is saved: forgets the keys here and on every other node.</summary>
    public void Evict(params string[] keys)
    {
        foreach (var key in keys)
            EvictLocal(key);
        bus.PublishEvictions(keys);
    }

    internal void EvictLocal(string key)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(key);
    }

    /// <summary>After the link to the other nodes was down, any fact may have changed meanwhile.</summary>
    internal void Clear()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();
}
