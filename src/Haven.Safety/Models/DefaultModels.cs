namespace Haven.Safety.Models;

/// <summary>
/// The model files shipped inside this assembly, loaded once on first use. Kept as two files because
/// their licences differ (see MODEL-LICENSE.md next to them).
/// </summary>
internal static class DefaultModels
{
    public const string EnglishResource = "Haven.Safety.Models.sms-en.hvsm";
    public const string IndonesianResource = "Haven.Safety.Models.sms-id.hvsm";

    private static readonly Lazy<SpamModel> LazyEnglish = new(() => LoadResource(EnglishResource));
    private static readonly Lazy<SpamModel> LazyIndonesian = new(() => LoadResource(IndonesianResource));
    private static readonly Lazy<SpamModel> LazyCombined = new(() => SpamModel.Combine(English, Indonesian));

    public static SpamModel English => LazyEnglish.Value;

    public static SpamModel Indonesian => LazyIndonesian.Value;

    public static SpamModel Combined => LazyCombined.Value;

    private static SpamModel LoadResource(string name)
    {
        using var stream = typeof(DefaultModels).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded model '{name}' is missing from {typeof(DefaultModels).Assembly.GetName().Name}.");
        return SpamModel.Load(stream);
    }
}
