using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Detectors;

/// <summary>
/// Pressure past a refusal ("you said no but…", "sok jual mahal"), guilt and obligation
/// ("you owe me", "udah janji"), and threats (an ultimatum with a harm to a target, "I know where you work").
/// Any sextortion is coercion too. Respectful backing off ("gapapa", "no pressure, only if you want")
/// keeps the weaker cues quiet.
/// </summary>
internal sealed class CoercionDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        // A report about a case ("the court heard he threatened her") describes coercion; it does not coerce the reader.
        if (c.Reported)
            return;
        var respect = c.Has(Cue.Respect);
        double score = 0;
        string key = "coercion.pressure";
        if (SextortionDetector.Score(c) > 0)
        {
            score = 0.9;
            key = "coercion.threat";
        }
        else if (c.Has(Cue.Ultimatum) && c.Has(Cue.HarmVerb) && (c.Has(Cue.ThreatTarget) || c.Has(Cue.KnowWhere)))
        {
            score = 0.85;
            key = "coercion.threat";
        }
        else if (c.Has(Cue.KnowWhere) && (c.Has(Cue.HarmVerb) || c.Has(Cue.Ultimatum)))
        {
            score = 0.8;
            key = "coercion.threat";
        }
        else if (!respect && c.Has(Cue.RefusalOverride))
        {
            score = 0.8;
        }
        else if (!respect && c.Has(Cue.Obligation))
        {
            score = 0.75;
        }

        if (score > 0)
            signals.Add(SignalFactory.Create(c, SignalKind.Coercion, score, key,
                Cue.RefusalOverride, Cue.Obligation, Cue.Ultimatum, Cue.HarmVerb, Cue.KnowWhere, Cue.ThreatTarget));
    }
}
