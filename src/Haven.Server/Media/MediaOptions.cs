using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Media;

public sealed class MediaOptions
{
    public const string Section = "Haven:Media";

    [Range(1024, 50 * 1024 * 1024)]
    public int MaxUploadBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest declared width x height accepted; checked before any pixel is decoded.</summary>
    [Range(1, 100_000_000)]
    public long MaxPixels { get; set; } = 25_000_000;

    [Range(1, 65_535)]
    public int MaxDimension { get; set; } = 12_000;

    /// <summary>Stored images are scaled down so their longer side is at most this.</summary>
    [Range(64, 8192)]
    public int StoredMaxDimension { get; set; } = 2048;

    [Range(10, 100)]
    public int JpegQuality { get; set; } = 85;

    /// <summary>Base64 of a 32-byte key for images at rest; generated into <see cref="KeyFile"/> when absent.</summary>
    public string? MediaKey { get; set; }

    public string KeyFile { get; set; } = "data/keys/media.key";

    /// <summary>PDQ matching: at most this many differing bits is a match (Meta's recommended 31).</summary>
    [Range(0, 64)]
    public int MatchDistance { get; set; } = 31;

    /// <summary>Hashes below this quality are too flat to match reliably (Meta recommends discarding ≤ 49).</summary>
    [Range(0, 100)]
    public int MinimumQuality { get; set; } = 50;

    /// <summary>Hash list files loaded at start-up: one 64-hex PDQ hash a line, '#' comments.</summary>
    public List<HashListFile> HashLists { get; set; } = [];
}

public sealed class HashListFile
{
    public HashListKind Kind { get; set; }

    [Required]
    public string Path { get; set; } = "";

    /// <summary>Who supplied the list (e.g. an NGO), kept with each hash for the case file.</summary>
    public string Source { get; set; } = "";
}
