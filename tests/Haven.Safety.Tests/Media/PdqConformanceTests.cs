using Haven.Safety.Media;
using SkiaSharp;

namespace Haven.Safety.Tests.Media;

/// <summary>
/// Conformance with Meta's published PDQ vectors (shared/data/pdq). The C++ reference output (dih/*)
/// must be within 10 bits; the Python-derived rows within 16, the Python reference test's own
/// tolerance, because decoders differ by a few bits on the same file.
/// </summary>
public sealed class PdqConformanceTests
{
    public static TheoryData<string, string, string> Vectors()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(SharedData.Path("pdq", "expected.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            data.Add(fields[0], fields[1], fields[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Hash_is_within_the_reference_distance(string file, string expectedHex, string expectedQuality)
    {
        var result = Hash(file);
        var tolerance = file.StartsWith("dih/", StringComparison.Ordinal) ? 10 : 16;
        var distance = result.Hash.DistanceTo(PdqHash.Parse(expectedHex));
        if (expectedQuality == "NA" || int.Parse(expectedQuality, System.Globalization.CultureInfo.InvariantCulture) >= 50)
        {
            Assert.True(distance <= tolerance, $"{file}: distance {distance} > {tolerance} ({result.Hash} vs {expectedHex})");
            Assert.True(result.Quality >= 50, $"{file}: quality {result.Quality}");
        }
        else
        {
            // Low-quality images are discarded before matching, whatever their bits.
            Assert.True(result.Quality < 50, $"{file}: quality {result.Quality} should be below 50");
        }
    }

    [Fact]
    public void Dihedral_transforms_of_one_photo_are_far_apart_but_edits_are_close()
    {
        var original = Hash("dih/bridge-1-original.jpg").Hash;
        Assert.True(original.DistanceTo(Hash("dih/bridge-3-rotate-180.jpg").Hash) > 31);
        Assert.True(original.DistanceTo(Hash("bridge-mods/blur-a-lot.jpg").Hash) <= 31);
        Assert.True(original.DistanceTo(Hash("bridge-mods/square-128x128.jpg").Hash) <= 31);
    }

    [Fact]
    public void Hex_round_trips_and_distance_counts_differing_bits()
    {
        const string hex = "f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22";
        var hash = PdqHash.Parse(hex);
        Assert.Equal(hex, hash.ToString());
        Assert.Equal(0, hash.DistanceTo(hash));
        var flipped = PdqHash.Parse("0" + hex[1..]);
        Assert.Equal(4, hash.DistanceTo(flipped)); // 'f' -> '0' flips four bits
        Assert.False(PdqHash.TryParse("xyz", out _));
    }

    [Fact]
    public void Tiny_images_hash_with_quality_zero()
    {
        var result = PdqHasher.FromRgba(new byte[4 * 4 * 4], 4, 4);
        Assert.Equal(0, result.Quality);
    }

    private static PdqResult Hash(string file)
    {
        using var codec = SKCodec.Create(SharedData.Path(["pdq", .. file.Split('/')]))
            ?? throw new InvalidOperationException($"Could not open {file}.");
        using var bitmap = SKBitmap.Decode(codec, codec.Info.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul))
            ?? throw new InvalidOperationException($"Could not decode {file}.");
        return PdqHasher.FromRgba(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height);
    }
}
