using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Detectors;

/// <summary>
/// Threats to expose intimate material unless the victim pays or sends more: material + exposure
/// or "keep it private" + a demand or ultimatum. Deleting photos on request stays clean.
/// </summary>
internal sealed class SextortionDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        var ages = c.Ages;
        if (Score(c) is var score and > 0)
            signals.Add(SignalFactory.Create(c, SignalKind.Sextortion, score, "sextortion.threat",
                Cue.Material, Cue.HoldsMaterial, Cue.Exposure, Cue.KeepPrivate, Cue.ContentDemand, Cue.MoneyVerb));
    }

    public static bool HasDemand(ScanContext c) =>
        c.HasAmount || c.Has(Cue.PaymentChannel) || c.Has(Cue.MoneyVerb) || c.Has(Cue.ContentDemand);

    public static double Score(ScanContext c)
    {
        if (c.Reported || c.Has(Cue.SafetyAdvice))
            return 0;
        var material = c.Has(Cue.Material) || c.Has(Cue.HoldsMaterial);
        var exposure = c.Has(Cue.Exposure) || c.Has(Cue.KeepPrivate);
        var pressure = HasDemand(c) || c.Has(Cue.Ultimatum) || c.Has(Cue.ThreatTarget);
        if (material && exposure && pressure)
            return 0.9;
        if (c.Has(Cue.HoldsMaterial) && c.Has(Cue.ThreatTarget) && (HasDemand(c) || c.Has(Cue.Ultimatum)))
            return 0.85;
        if (c.Has(Cue.HoldsMaterial) && c.HasAmount && (c.Has(Cue.PaymentChannel) || c.Has(Cue.MoneyVerb)))
            return 0.8;
        if (material && c.Has(Cue.ThreatTarget) && c.Has(Cue.Ultimatum) && HasDemand(c))
            return 0.8;
        if (material && c.Has(Cue.ContentDemand) && c.Has(Cue.ThreatTarget))
            return 0.8;
        if (material && c.Has(Cue.ContentDemand) && (c.Has(Cue.Ultimatum) || c.Has(Cue.KeepPrivate)))
            return 0.8;
        return 0;
    }
}
