namespace Haven.Safety.Lexicon;

/// <summary>An allocation-free set of <see cref="Cue"/> values (up to 128).</summary>
public struct CueSet : IEquatable<CueSet>
{
    private ulong _low;
    private ulong _high;

    public readonly bool IsEmpty => _low == 0 && _high == 0;

    public readonly bool Contains(Cue cue)
    {
        var i = (int)cue;
        return i < 64 ? (_low & (1UL << i)) != 0 : (_high & (1UL << (i - 64))) != 0;
    }

    public void Add(Cue cue)
    {
        var i = (int)cue;
        if (i < 64) _low |= 1UL << i;
        else _high |= 1UL << (i - 64);
    }

    public void UnionWith(CueSet other)
    {
        _low |= other._low;
        _high |= other._high;
    }

    public readonly IEnumerable<Cue> Enumerate()
    {
        foreach (var cue in Enum.GetValues<Cue>())
            if (Contains(cue))
                yield return cue;
    }

    public readonly bool Equals(CueSet other) => _low == other._low && _high == other._high;

    public override readonly bool Equals(object? obj) => obj is CueSet other && Equals(other);

    public override readonly int GetHashCode() => HashCode.Combine(_low, _high);

    public static bool operator ==(CueSet left, CueSet right) => left.Equals(right);

    public static bool operator !=(CueSet left, CueSet right) => !left.Equals(right);
}
