using System.Globalization;
using Haven.Safety;
using Haven.Safety.Explanations;

namespace Haven.Server.MessageSafety;

/// <summary>
/// Why safety asked "Are you sure?", in the member's language, for the chat page: the hub refusal carries
/// only a code and English, and re-scanning the draft costs microseconds.
/// </summary>
public sealed class SenderWarnings(SafetyEngine engine)
{
    public IReadOnlyList<string> For(string text, CultureInfo culture) =>
        [.. engine.Scan(text).Signals.Select(s => s.ExplanationKey).Distinct().Select(key => SafetyExplanations.Get(key, culture))];
}
