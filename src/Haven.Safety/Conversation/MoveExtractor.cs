using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Conversation;

/// <summary>Turns one message's scan result into the moves its author made.</summary>
internal static class MoveExtractor
{
    private static readonly (Cue Cue, RiskMoves Move)[] Map =
    [
        (Cue.AgeProbe, RiskMoves.AgeProbe), (Cue.Secrecy, RiskMoves.Secrecy), (Cue.EraseEvidence, RiskMoves.EraseEvidence),
        (Cue.Alibi, RiskMoves.Alibi), (Cue.Isolation, RiskMoves.Isolation), (Cue.MaturityFlattery, RiskMoves.MaturityFlattery),
        (Cue.AgePreference, RiskMoves.AgePreference), (Cue.Meeting, RiskMoves.Meeting), (Cue.CovertMeeting, RiskMoves.CovertMeeting),
        (Cue.Pickup, RiskMoves.Pickup), (Cue.HomeAlone, RiskMoves.HomeAlone), (Cue.GiftOffer, RiskMoves.GiftOffer),
        (Cue.PhotoRequest, RiskMoves.PhotoRequest), (Cue.SexualTalk, RiskMoves.SexualTalk),
        (Cue.SpecialRelationship, RiskMoves.SpecialRelationship), (Cue.ParentMonitor, RiskMoves.ParentMonitor),
        (Cue.HoldsMaterial, RiskMoves.HoldsMaterial), (Cue.Exposure, RiskMoves.Exposure), (Cue.ContentDemand, RiskMoves.ContentDemand),
        (Cue.DoxxProbe, RiskMoves.DoxxProbe), (Cue.KnowWhere, RiskMoves.DoxxProbe), (Cue.ThreatTarget, RiskMoves.ThreatTarget),
        (Cue.Ultimatum, RiskMoves.Ultimatum), (Cue.Romance, RiskMoves.Romance), (Cue.Emergency, RiskMoves.Emergency),
        (Cue.Investment, RiskMoves.Investment), (Cue.FeeScam, RiskMoves.FeeScam), (Cue.Affection, RiskMoves.Affection),
        (Cue.SchoolContext, RiskMoves.SchoolHint), (Cue.SchoolMinor, RiskMoves.SchoolHint), (Cue.MyParent, RiskMoves.ParentHint),
    ];

    public static RiskMoves Extract(ScanResult scan)
    {
        var moves = RiskMoves.None;
        var cues = scan.Cues;
        foreach (var (cue, move) in Map)
            if (cues.Contains(cue))
                moves |= move;
        if (cues.Contains(Cue.ParentRef) && (cues.Contains(Cue.TellNegation) || cues.Contains(Cue.Secrecy)))
            moves |= RiskMoves.ParentSecrecy;
        if (scan.Facts.HasAmount || cues.Contains(Cue.PaymentChannel) || cues.Contains(Cue.MoneyVerb))
            moves |= RiskMoves.MoneyDemand;
        foreach (var signal in scan.Signals)
        {
            moves |= signal.Kind switch
            {
                SignalKind.Grooming => RiskMoves.GroomingMessage,
                SignalKind.Sextortion => RiskMoves.SextortionMessage,
                SignalKind.MoneyRequest => RiskMoves.MoneyRequest,
                SignalKind.OffPlatform => RiskMoves.OffPlatform,
                _ => RiskMoves.None,
            };
        }

        return moves;
    }
}
