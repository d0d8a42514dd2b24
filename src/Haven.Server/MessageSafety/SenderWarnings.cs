using System.Globalization;
using Haven.Safety;
using Haven.Safety.Detection;
using Haven.Safety.Explanations;
using Haven.Safety.Policy;

namespace Haven.Server.MessageSafety;

/// <summary>
/// Why safety asked "Are you sure?", in the member's language, for the chat page: the hub refusal carries
/// only a code and English, and re-scanning the draft costs microseconds. Only signals that a warn_sender rule
/// tests count; none means the question came from the consent gate.
/// </summary>
public sealed class SenderWarnings(SafetyEngine engine, SafetyPolicy policy)
{
    private readonly HashSet<SignalKind> _warned = [.. policy.Rules
        .Where(r => !r.Shadow && r.Actions.Contains(SafetyAction.WarnSender))
        .SelectMany(r => (r.When.Signals ?? []).Concat(r.When.AllSignals ?? []))
        .Select(label => SignalKindLabels.TryParse(label, out var kind) ? kind : (SignalKind?)null)
        .OfType<SignalKind>()];

    public IReadOnlyList<string> For(string text, CultureInfo culture) =>
        [.. engine.Scan(text).Signals.Where(s => _warned.Contains(s.Kind)).Select(s => s.ExplanationKey).Distinct()
            .Select(key => SafetyExplanations.Get(key, culture))];
}
