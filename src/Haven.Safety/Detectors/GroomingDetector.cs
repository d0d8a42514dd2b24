using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Detectors;

/// <summary>
/// Grooming moves visible in one message: secrecy from parents, erasing chats, alibis, isolation,
/// flattery about maturity, a preference for the listener's young age, meeting near school,
/// gifts traded for photos. Generic secrecy ("between us") only counts with another move.
/// Cross-turn grooming (age disclosed earlier, move later) is the conversation tracker's job.
/// </summary>
internal sealed class GroomingDetector : IDetector
{
    public const double Threshold = 0.6;

    public void Detect(ScanContext c, List<Signal> signals)
    {
        var ages = c.Ages;
        var score = Score(c, ages);
        if (score >= Threshold)
            signals.Add(SignalFactory.Create(c, SignalKind.Grooming, score, "grooming.message",
                Cue.TellNegation, Cue.Secrecy, Cue.ParentRef, Cue.EraseEvidence, Cue.Alibi, Cue.Isolation,
                Cue.MaturityFlattery, Cue.AgePreference, Cue.Pickup, Cue.GiftOffer, Cue.PhotoRequest, Cue.ParentMonitor));
    }

    public static double Score(ScanContext c, AgeFacts ages)
    {
        // Selling people is solicitation/trafficking, not grooming, even when it involves secrecy; a report
        // about a grooming case ("the suspect asked her to keep it secret, police said") is not grooming.
        if (c.Reported || c.Has(Cue.Supply) || c.Has(Cue.SexServiceStrong))
            return 0;
        var parentOther = HasOtherParent(c);
        // A minor describing themselves ("gue baru 16 tp udah dewasa", "i'm 13 so shhh") is not being groomed by this message.
        var selfOnly = ages.MinorSelf > 0 && ages.MinorOther == 0;
        var score = 0.0;
        if (parentOther && (c.Has(Cue.TellNegation) || c.Has(Cue.Secrecy) || c.Has(Cue.Alibi)
                || c.Has(Cue.EraseEvidence) || c.Has(Cue.ParentMonitor)))
            score += 1.0;
        if (c.Has(Cue.ParentMonitor) && (c.Has(Cue.Platform) || c.Has(Cue.MoveVerb) || c.Has(Cue.Secrecy)))
            score += 0.7;
        if (c.Has(Cue.EraseEvidence)) score += 0.8;
        if (c.Has(Cue.Isolation)) score += 0.7;
        if (c.Has(Cue.MaturityFlattery) && !selfOnly) score += 0.6;
        if (c.Has(Cue.AgePreference)) score += 0.7;
        if (c.Has(Cue.Alibi) && (parentOther || c.Has(Cue.Meeting) || c.Has(Cue.Pickup))) score += 0.8;
        if ((c.Has(Cue.Pickup) || c.Has(Cue.CovertMeeting) || c.Has(Cue.Meeting)) && c.Has(Cue.SchoolContext)) score += 1.0;
        if (c.Has(Cue.CovertMeeting) && (c.Has(Cue.Meeting) || c.Has(Cue.Pickup))) score += 0.6;
        if (c.Has(Cue.HomeAlone)) score += c.Has(Cue.Pickup) || c.Has(Cue.Meeting) ? 1.0 : 0.5;
        if (c.Has(Cue.GiftOffer) && (c.Has(Cue.PhotoRequest) || c.Has(Cue.SpecialRelationship) || c.Has(Cue.Secrecy)))
            score += 0.9;
        if (c.Has(Cue.Secrecy) && !selfOnly)
        {
            var with = c.Has(Cue.PhotoRequest) || c.Has(Cue.Meeting) || c.Has(Cue.Pickup) || c.Has(Cue.GiftOffer)
                || c.Has(Cue.YouthAddress) || c.Has(Cue.SpecialRelationship) || ages.MinorOther > 0 || ages.SchoolMinor;
            score += with ? 0.8 : 0.3;
        }

        if (c.Has(Cue.AgeProbe) && (c.Has(Cue.YouthAddress) || c.Has(Cue.Affection) || c.Has(Cue.AgePreference)))
            score += 0.6;
        if ((ages.MinorOther > 0 || (ages.SchoolMinor && ages.MinorSelf == 0)) && score > 0)
            score += 0.4;
        if (ages.MinorOther > 0 && (c.Has(Cue.Affection) || c.Has(Cue.Meeting) || c.Has(Cue.PhotoRequest)))
            score += 0.6;
        return score;
    }

    /// <summary>A parent mentioned who is not the speaker's own ("your mom", "ortu", not "my mom").</summary>
    public static bool HasOtherParent(ScanContext c)
    {
        foreach (var hit in c.Hits)
            if (hit.Cue == Cue.ParentRef && !c.Covers(Cue.MyParent, hit.FirstToken))
                return true;
        return false;
    }
}
