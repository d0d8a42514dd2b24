using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Safety.Policy;

namespace Haven.Server.MessageSafety;

/// <summary>
/// The safety tips a recipient sees under a message. Stored and sent as keys; the UI words them in the
/// member's language (MessageSafetyStrings "Tip.{key}").
/// </summary>
public static class SafetyTips
{
    /// <summary>Asked for money: people who ask early are often scammers; Haven never asks for payment in chat.</summary>
    public const string Money = "money";

    /// <summary>Asked to move to another app, where Haven's protections stop.</summary>
    public const string OffPlatform = "off_platform";

    /// <summary>Pressure or threats: you never owe anyone anything.</summary>
    public const string Pressure = "pressure";

    /// <summary>Contains a link Haven found nothing known against (the interstitial still asks before leaving).</summary>
    public const string Link = "link";

    /// <summary>Contains a link that looks like phishing.</summary>
    public const string SuspiciousLink = "link_suspicious";

    public static readonly IReadOnlyList<string> All = [Money, OffPlatform, Pressure, Link, SuspiciousLink];

    public static IReadOnlyList<string> For(string text, ScanResult scan, PolicyDecision decision, ConversationRisk risks)
    {
        List<string>? tips = null;
        if (decision.Has(SafetyAction.WarnRecipient))
        {
            if (scan.Has(SignalKind.MoneyRequest) || (risks & ConversationRisk.Scam) != 0)
                (tips ??= []).Add(Money);
            if (scan.Has(SignalKind.OffPlatform))
                (tips ??= []).Add(OffPlatform);
            if (scan.Has(SignalKind.Coercion) || scan.Has(SignalKind.Sextortion))
                (tips ??= []).Add(Pressure);
        }

        // Every link gets the interstitial; this is its verdict.
        if (scan.Has(SignalKind.Phishing))
            (tips ??= []).Add(SuspiciousLink);
        else if (HasLink(text))
            (tips ??= []).Add(Link);
        return tips ?? [];
    }

    public static bool HasLink(string text) =>
        text.Contains("://", StringComparison.Ordinal) || text.Contains("www.", StringComparison.OrdinalIgnoreCase);
}
