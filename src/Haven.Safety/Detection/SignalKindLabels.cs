namespace Haven.Safety.Detection;

/// <summary>The snake_case label of each signal kind, as used in the evaluation files and policies.</summary>
public static class SignalKindLabels
{
    private static readonly string[] Labels =
    [
        "minor", "grooming", "solicitation", "trafficking", "coercion", "sextortion", "money_request",
        "off_platform", "pii", "phishing", "spam",
    ];

    public static IReadOnlyList<string> MessageLabels { get; } = Labels[..10];

    public static string ToLabel(this SignalKind kind) => Labels[(int)kind];

    public static bool TryParse(string label, out SignalKind kind)
    {
        var index = Array.IndexOf(Labels, label);
        kind = (SignalKind)Math.Max(index, 0);
        return index >= 0;
    }
}
