using System.Globalization;
using System.Resources;

namespace Haven.Safety.Explanations;

/// <summary>
/// Resolves explanation keys carried by signals and assessments to English or Indonesian text
/// (Explanations.resx and its Explanations.id.resx twin). Unknown keys come back as the key itself.
/// </summary>
public static class SafetyExplanations
{
    private static readonly ResourceManager Resources =
        new("Haven.Safety.Explanations.Explanations", typeof(SafetyExplanations).Assembly);

    public static string Get(string key, CultureInfo culture) => Resources.GetString(key, culture) ?? key;

    public static string English(string key) => Get(key, CultureInfo.InvariantCulture);

    public static string Indonesian(string key) => Get(key, CultureInfo.GetCultureInfo("id"));
}
