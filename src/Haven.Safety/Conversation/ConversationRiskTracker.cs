using Haven.Safety.Detection;

namespace Haven.Safety.Conversation;

/// <summary>
/// Updates a <see cref="ConversationRiskState"/> one message at a time, without re-reading history:
/// each participant's moves are OR-ed into a bit set and the risks are re-judged from those bits.
/// <list type="bullet">
/// <item>Grooming: someone presents as under 18 (states an age or school year, or is told "you're 14"),
/// and another participant makes grooming moves (secrecy from parents, erasing chats, alibis, isolation,
/// covert meetings, gifts for photos…). For a single flat transcript (author "unknown") both sides are the
/// same participant. A minor cue alone is not grooming.</item>
/// <item>Sextortion: a participant holds intimate material and threatens exposure or targets the victim's
/// circle while demanding money or more content.</item>
/// <item>Scam: a participant asks for money (transfer, emergency, fee, investment).</item>
/// </list>
/// </summary>
public sealed class ConversationRiskTracker
{
    /// <summary>Grooming-move weight a participant needs once a minor is present.</summary>
    public double GroomingThreshold { get; init; } = 2.0;

    /// <summary>Grooming-move weight that fires without any stated age (strong, parent-directed moves).</summary>
    public double GroomingWithoutMinorThreshold { get; init; } = 5.0;

    /// <summary>The author of flat, author-less transcript segments (e.g. PAN12 rows).</summary>
    public const string UnknownAuthor = "unknown";

    /// <summary>Transcript score (see TranscriptProfile: 1 + capped points per grooming stage) a flat transcript needs to count as grooming.</summary>
    public int TranscriptGroomingThreshold { get; init; } = TranscriptProfile.GroomingScore;

    private static readonly (RiskMoves Move, double Weight)[] GroomingWeights =
    [
        (RiskMoves.ParentSecrecy, 2), (RiskMoves.EraseEvidence, 2), (RiskMoves.Alibi, 2), (RiskMoves.Isolation, 1.5),
        (RiskMoves.AgePreference, 2), (RiskMoves.CovertMeeting, 2), (RiskMoves.HomeAlone, 1.5), (RiskMoves.Secrecy, 1),
        (RiskMoves.Meeting, 1), (RiskMoves.Pickup, 1), (RiskMoves.GiftOffer, 1), (RiskMoves.PhotoRequest, 1),
        (RiskMoves.MaturityFlattery, 1), (RiskMoves.ParentMonitor, 1.5), (RiskMoves.SpecialRelationship, 1),
        (RiskMoves.SexualTalk, 1), (RiskMoves.AgeProbe, 0.5), (RiskMoves.GroomingMessage, 2),
    ];

    public ConversationAssessment Update(ConversationRiskState state, string author, ScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(scan);
        var index = state.MessageCount++;
        var participant = Participant(state, author ?? string.Empty, index);
        participant.Messages++;
        participant.LastMessage = index;
        if (scan.Facts.IsTranscript || (author == UnknownAuthor && scan.Facts.TranscriptScore > 0))
        {
            // A pasted transcript has no turns to follow: judge it as a whole. A named participant's own long message
            // (a letter rather than a pasted log) counts only when it shows someone young or kept from guardians:
            // a love letter between adults plans visits, calls and mentions parents too.
            if (author == UnknownAuthor || scan.Facts.TranscriptShowsYouth)
                participant.TranscriptScore = Math.Max(participant.TranscriptScore, scan.Facts.TranscriptScore);
            var was = state.Risks;
            if (participant.TranscriptScore >= TranscriptGroomingThreshold)
                state.Risks |= ConversationRisk.Grooming;
            return new ConversationAssessment(state.Risks, state.Risks & ~was, Keys(state.Risks & ~was));
        }

        // A report about a case names moves nobody in this chat is making.
        var moves = scan.Facts.Reported ? RiskMoves.None : MoveExtractor.Extract(scan);
        participant.Moves |= moves;

        var facts = scan.Facts;
        if (facts.MinorAgeSelf > 0)
            participant.MinorAge = participant.MinorAge == 0 ? facts.MinorAgeSelf : Math.Min(participant.MinorAge, facts.MinorAgeSelf);
        else if (scan.Has(SignalKind.Minor) && facts.MinorAgeOther == 0)
            participant.MinorAge = participant.MinorAge == 0 ? 15 : participant.MinorAge;
        if (facts.AdultAgeSelf > 0)
            participant.AdultAge = facts.AdultAgeSelf;
        if (facts.MinorAgeOther > 0)
            state.MinorMentionedByOther = true;
        // A bare "16" right after someone else asked how old they are is an age disclosure.
        if (facts.BareTeenNumber > 0 && participant.MinorAge == 0)
            foreach (var other in state.Participants)
                if (other != participant && other.AgeProbeAt >= 0 && index - other.AgeProbeAt <= 3)
                    participant.MinorAge = facts.BareTeenNumber;
        if ((moves & RiskMoves.AgeProbe) != 0)
            participant.AgeProbeAt = index;

        var before = state.Risks;
        state.Risks |= Judge(state);
        var fresh = state.Risks & ~before;
        return new ConversationAssessment(state.Risks, fresh, Keys(fresh));
    }

    private ConversationRisk Judge(ConversationRiskState state)
    {
        var risks = ConversationRisk.None;
        var minor = state.MinorMentionedByOther;
        foreach (var p in state.Participants)
            minor |= p.MinorAge > 0 && p.AdultAge == 0;
        if (minor)
            risks |= ConversationRisk.MinorPresent;

        foreach (var p in state.Participants)
        {
            var groomer = p.MinorAge == 0 || state.Participants.Count == 1;
            var weight = GroomingWeight(p.Moves);
            if (groomer && ((minor && weight >= GroomingThreshold) || weight >= GroomingWithoutMinorThreshold))
                risks |= ConversationRisk.Grooming;
            if (IsSextortion(p.Moves))
                risks |= ConversationRisk.Sextortion;
            if (IsScam(p.Moves) && !IsSextortion(p.Moves))
                risks |= ConversationRisk.Scam;
        }

        return risks;
    }

    public static double GroomingWeight(RiskMoves moves)
    {
        var weight = 0.0;
        foreach (var (move, w) in GroomingWeights)
            if ((moves & move) != 0)
                weight += w;
        return weight;
    }

    /// <summary>A money request, or a fee/emergency/investment story in one message and a sum in another.</summary>
    private static bool IsScam(RiskMoves m) =>
        (m & RiskMoves.MoneyRequest) != 0
        || ((m & (RiskMoves.FeeScam | RiskMoves.Emergency | RiskMoves.Investment)) != 0 && (m & RiskMoves.MoneyDemand) != 0
            && (m & (RiskMoves.Romance | RiskMoves.Affection | RiskMoves.OffPlatform | RiskMoves.GiftOffer)) != 0);

    private static bool IsSextortion(RiskMoves m)
    {
        if ((m & RiskMoves.SextortionMessage) != 0)
            return true;
        var holds = (m & RiskMoves.HoldsMaterial) != 0;
        var threat = (m & (RiskMoves.Exposure | RiskMoves.ThreatTarget | RiskMoves.DoxxProbe)) != 0;
        var demand = (m & (RiskMoves.MoneyDemand | RiskMoves.ContentDemand)) != 0;
        return holds && threat && demand;
    }

    private static ParticipantRisk Participant(ConversationRiskState state, string author, int index)
    {
        foreach (var p in state.Participants)
            if (p.Author == author)
                return p;
        if (state.Participants.Count >= ConversationRiskState.MaxParticipants)
        {
            // Bounded memory: forget the participant who has been silent longest.
            var oldest = state.Participants.MinBy(p => p.LastMessage)!;
            state.Participants.Remove(oldest);
        }

        var created = new ParticipantRisk { Author = author, LastMessage = index };
        state.Participants.Add(created);
        return created;
    }

    private static IReadOnlyList<string> Keys(ConversationRisk risks)
    {
        if (risks == ConversationRisk.None)
            return [];
        var keys = new List<string>(2);
        if ((risks & ConversationRisk.Grooming) != 0) keys.Add("conversation.grooming");
        if ((risks & ConversationRisk.Sextortion) != 0) keys.Add("conversation.sextortion");
        if ((risks & ConversationRisk.Scam) != 0) keys.Add("conversation.scam");
        if ((risks & ConversationRisk.MinorPresent) != 0) keys.Add("conversation.minor_present");
        return keys;
    }
}
