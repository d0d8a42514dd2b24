using Haven.Safety.Detection;
using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detectors;

/// <summary>
/// Someone in the chat is under 18: a stated age below 18 (own or the listener's), a school year,
/// or "underage". On an 18+ platform this calls for age re-verification; it is not grooming by itself.
/// </summary>
internal sealed class MinorDetector : IDetector
{
    public void Detect(ScanContext context, List<Signal> signals)
    {
        var ages = context.Ages;
        if (ages.MinorSelf > 0)
            signals.Add(SignalFactory.Create(SignalKind.Minor, 0.9, "minor.self_age", [ages.Evidence]));
        else if (ages.MinorOther > 0)
            signals.Add(SignalFactory.Create(SignalKind.Minor, 0.85, "minor.other_age", [ages.Evidence]));
        else if (ages.SchoolMinor)
            signals.Add(SignalFactory.Create(SignalKind.Minor, 0.8, "minor.school", [ages.Evidence]));
        else if (ages.BareTeen > 0 && (context.Has(Cue.MaturityFlattery) || context.Has(Cue.AgePreference) || context.Has(Cue.Isolation)))
            signals.Add(SignalFactory.Create(context, SignalKind.Minor, 0.7, "minor.other_age", Cue.MaturityFlattery, Cue.AgePreference));
    }
}
