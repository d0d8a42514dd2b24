namespace Haven.Server.Wellbeing;

/// <summary>A place to talk to someone. Names and numbers as the services publish them; descriptions are localized by key.</summary>
public sealed record Helpline(string Country, string Name, string Number, string? Dial, string? Url, string DescriptionKey);

public static class Helplines
{
    /// <summary>"*" is the fallback for every country without its own entry.</summary>
    public const string International = "*";

    public static IReadOnlyList<Helpline> All { get; } =
    [
        new("ID", "Layanan Kesehatan Jiwa Kemenkes", "119 ext. 8", "119", null, "Helpline.Kemenkes"),
        new("US", "988 Suicide & Crisis Lifeline", "988", "988", "https://988lifeline.org", "Helpline.988"),
        new("US", "SAMHSA National Helpline", "1-800-662-4357", "+18006624357", "https://www.samhsa.gov/find-help/national-helpline", "Helpline.Samhsa"),
        new("GB", "Samaritans", "116 123", "116123", "https://www.samaritans.org", "Helpline.Samaritans"),
        new("GB", "Stop It Now", "0808 1000 900", "08081000900", "https://www.stopitnow.org.uk", "Helpline.StopItNow"),
        new(International, "Find A Helpline", "findahelpline.com", null, "https://findahelpline.com", "Helpline.FindAHelpline"),
    ];

    public static IReadOnlyList<string> Countries { get; } = ["ID", "US", "GB"];

    /// <summary>The country's lines, always followed by the international fallback.</summary>
    public static IReadOnlyList<Helpline> For(string? country)
    {
        var code = country?.Trim().ToUpperInvariant() ?? "";
        return All.Where(h => h.Country == code).Concat(All.Where(h => h.Country == International)).ToList();
    }
}
