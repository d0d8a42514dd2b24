namespace Haven.Safety.Models;

/// <summary>
/// FNV-1a with a murmur finalizer. Written out here rather than taken from string.GetHashCode because
/// model files and data splits must hash identically in every process and on every platform.
/// </summary>
public static class StableHash
{
    public const uint Offset32 = 2166136261u;
    private const uint Prime32 = 16777619u;
    private const ulong Offset64 = 14695981039346656037ul;
    private const ulong Prime64 = 1099511628211ul;

    public static uint Step(uint hash, char c) => (hash ^ c) * Prime32;

    /// <summary>Spreads FNV's weak low bits, which become the bucket index.</summary>
    public static uint Finish(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6Bu;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35u;
        hash ^= hash >> 16;
        return hash;
    }

    public static uint Hash32(ReadOnlySpan<char> text)
    {
        var hash = Offset32;
        foreach (var c in text)
            hash = Step(hash, c);
        return hash;
    }

    /// <summary>A 64-bit fingerprint of a text, used to recognise training rows and to split data.</summary>
    public static ulong Hash64(ReadOnlySpan<char> text, ulong seed = 0)
    {
        var hash = Offset64 ^ seed;
        foreach (var c in text)
            hash = (hash ^ c) * Prime64;
        hash ^= hash >> 33;
        hash *= 0xFF51AFD7ED558CCDul;
        hash ^= hash >> 33;
        return hash;
    }
}
