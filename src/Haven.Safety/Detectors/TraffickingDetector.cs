using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Detectors;

/// <summary>
/// Indicators of trafficking: a third party controls documents, earnings, phone or schedule;
/// debt bondage ("work it off"); deceptive recruitment; people supplied with payment going to a
/// third party. Mentioning a manager or a passport on its own, or a report about a trafficking case, is clean.
/// </summary>
internal sealed class TraffickingDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        var ages = c.Ages;
        if (c.Reported)
            return;
        // Schedules and rates are only controlled objects in a sex-work context ("my boss keeps my schedule packed" is work).
        var sexWork = c.Has(Cue.SexService) || c.Has(Cue.SexServiceStrong) || c.Has(Cue.Supply) || c.Has(Cue.ThirdPartyPayment) || c.Has(Cue.PaidCue);
        var control = c.Has(Cue.TrafControl) && (c.Has(Cue.TrafObject) || (c.Has(Cue.TrafObjectWeak) && sexWork));
        double score = 0;
        if (control && (c.Has(Cue.TrafActor) || c.Has(Cue.Supply) || c.Has(Cue.Recruitment) || c.Has(Cue.CantLeave)))
            score = 0.85;
        else if (c.Has(Cue.DebtBondage))
            score = 0.85;
        else if (c.Has(Cue.Recruitment) && (c.Has(Cue.Supply) || c.HasAmount || c.Has(Cue.TrafActor) || c.Has(Cue.TrafControl)))
            score = 0.8;
        else if (c.Has(Cue.Supply) && c.Has(Cue.ThirdPartyPayment))
            score = 0.8;
        else if (c.Has(Cue.Supply) && ages.AnyMinor)
            score = 0.8;
        else if (c.Has(Cue.ThirdPartyPayment) && c.Has(Cue.TrafActor) && (c.Has(Cue.TrafControl) || c.Has(Cue.SexServiceStrong)))
            score = 0.75;
        else if (c.Has(Cue.CantLeave) && (c.Has(Cue.TrafActor) || c.Has(Cue.TrafObject)))
            score = 0.7;
        if (score > 0)
            signals.Add(SignalFactory.Create(c, SignalKind.Trafficking, score, "trafficking.control",
                Cue.TrafActor, Cue.TrafControl, Cue.TrafObject, Cue.DebtBondage, Cue.Recruitment, Cue.Supply,
                Cue.ThirdPartyPayment));
    }
}
