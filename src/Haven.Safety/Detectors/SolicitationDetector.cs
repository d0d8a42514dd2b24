using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Detectors;

/// <summary>
/// Offers or requests of paid sex: explicit service terms ("open BO", "GFE", "incall", "sugar baby"),
/// an intimate service plus a price or payment ("VCS berbayar", "$150 short time"), or a supply of
/// people on offer ("girls available", "katalog"). Refusing payment ("not looking for anything paid")
/// and news or films ("BO-nya tembus 5 juta") stay clean.
/// </summary>
internal sealed class SolicitationDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        var ages = c.Ages;
        if (c.Has(Cue.NotPaid) || c.Reported || SextortionDetector.Score(c) > 0)
            return;
        var paid = c.Has(Cue.PaidCue) || c.HasAmount || c.HasDollarSign;
        double score = 0;
        if (c.Has(Cue.SexServiceStrong)) score = 0.9;
        else if (c.Has(Cue.SexService) && paid) score = 0.8;
        else if (c.Has(Cue.Supply) && (c.Has(Cue.ThirdPartyPayment) || paid || c.Has(Cue.Recruitment) || ages.AnyMinor))
            score = 0.8;
        else if (c.Has(Cue.TrafControl) && c.Has(Cue.TrafActor) && c.Has(Cue.ThirdPartyPayment))
            score = 0.7;
        if (score > 0)
            signals.Add(SignalFactory.Create(c, SignalKind.Solicitation, score, "solicitation.paid_sex",
                Cue.SexServiceStrong, Cue.SexService, Cue.Supply, Cue.PaidCue, Cue.ThirdPartyPayment));
    }
}
