using System.Globalization;
using System.Numerics;

namespace Haven.Safety.Media;

/// <summary>
/// A 256-bit PDQ hash. Hex form follows the reference implementation: the 16-bit word holding
/// bits 240..255 first, so hashes compare directly with published lists.
/// </summary>
public readonly record struct PdqHash(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public const int Bits = 256;

    public bool this[int bit] => ((Word(bit >> 6) >> (bit & 63)) & 1) != 0;

    public int DistanceTo(PdqHash other) =>
        BitOperations.PopCount(W0 ^ other.W0) + BitOperations.PopCount(W1 ^ other.W1)
        + BitOperations.PopCount(W2 ^ other.W2) + BitOperations.PopCount(W3 ^ other.W3);

    public override string ToString() => $"{W3:x16}{W2:x16}{W1:x16}{W0:x16}";

    public static PdqHash Parse(string hex) =>
        TryParse(hex, out var hash) ? hash : throw new FormatException("A PDQ hash is 64 hexadecimal digits.");

    public static bool TryParse(ReadOnlySpan<char> hex, out PdqHash hash)
    {
        hex = hex.Trim();
        hash = default;
        if (hex.Length != 64)
            return false;
        Span<ulong> words = stackalloc ulong[4];
        for (var i = 0; i < 4; i++)
            if (!ulong.TryParse(hex.Slice((3 - i) * 16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]))
                return false;
        hash = new PdqHash(words[0], words[1], words[2], words[3]);
        return true;
    }

    internal static PdqHash FromBits(ReadOnlySpan<bool> bits)
    {
        Span<ulong> words = stackalloc ulong[4];
        for (var k = 0; k < Bits; k++)
            if (bits[k])
                words[k >> 6] |= 1UL << (k & 63);
        return new PdqHash(words[0], words[1], words[2], words[3]);
    }

    private ulong Word(int index) => index switch { 0 => W0, 1 => W1, 2 => W2, _ => W3 };
}

/// <summary>A hash with its quality (0–100); hashes of quality below 50 should not be matched.</summary>
public readonly record struct PdqResult(PdqHash Hash, int Quality);
