namespace Haven.Server.Profiles;

public static class ProfileRules
{
    public const int MaxBioLength = 500;
    public const int MaxTags = 12;
    public const int MaxTagLength = 24;
    public const int MaxLanguages = 6;
    public const int MaxPageSize = 50;

    /// <summary>Languages a profile can list (ISO 639-1); the UI names them.</summary>
    public static readonly IReadOnlySet<string> KnownLanguages = new HashSet<string>(StringComparer.Ordinal)
    {
        "en", "id", "ms", "jv", "su", "nl", "de", "fr", "es", "pt", "it", "zh", "ja", "ko", "th", "vi", "tl", "hi", "ar", "ru",
    };

    public static List<string> CleanTags(IEnumerable<string>? tags) =>
        (tags ?? []).Select(t => t.Trim().ToLowerInvariant())
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
