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

    // An eviction that lands while a key loads means the loaded value may already be stale: it is used, not
    // kept. Evictions are counted per stripe of keys, not for the whole cache, so that one member's change
    // does not stop every other load in flight from being kept (each would be loaded again on the next message).
    private readonly long[] _generations = new long[256];

    public async ValueTask<T> GetOrLoadAsync<T>(string key, Func<CancellationToken, Task<T>> load, CancellationToken ct)
    {
        if (_cache.TryGetValue(key, out T? cached))
            return cached!;
        var stripe = StripeOf(key);
        var generation = Interlocked.Read(ref _generations[stripe]);
        var value = await load(ct);
        if (Interlocked.Read(ref _generations[stripe]) != generation)
            return value;
        _cache.Set(key, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        // An eviction between the check above and this entry landing would find nothing to remove: look again.
        if (Interlocked.Read(ref _generations[stripe]) != generation)
            _cache.Remove(key);
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
        Interlocked.Increment(ref _generations[StripeOf(key)]);
        _cache.Remove(key);
    }

    /// <summary>After the link to the other nodes was down, any fact may have changed meanwhile.</summary>
    internal void Clear()
    {
        for (var stripe = 0; stripe < _generations.Length; stripe++)
            Interlocked.Increment(ref _generations[stripe]);
        _cache.Clear();
    }

    internal int StripeOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)_generations.Length);

    public void Dispose() => _cache.Dispose();
}
