using Haven.Safety.Conversation;

namespace Haven.Server.MessageSafety;

/// <summary>
/// Which conversation risks a participant is behind. The tracker judges a conversation as a whole; the
/// message path must not block the child whose age disclosure completed a grooming pattern, nor warn the
/// target of a scam about their own reply, so a risk is enforced on a participant's messages only when
/// their own moves make it.
/// </summary>
internal static class RiskAttribution
{
    private const RiskMoves SextortionMoves = RiskMoves.SextortionMessage | RiskMoves.HoldsMaterial | RiskMoves.Exposure | RiskMoves.ThreatTarget;
    private const RiskMoves ScamMoves = RiskMoves.MoneyRequest | RiskMoves.MoneyDemand | RiskMoves.FeeScam | RiskMoves.Emergency | RiskMoves.Investment;

    /// <summary>
    /// Risks to enforce on <paramref name="author"/>'s message. Grooming and sextortion stay with their author
    /// once established; a scam or an apparent minor counts on the message that brought it up.
    /// </summary>
    public static ConversationRisk For(ConversationRiskState state, string author, ConversationAssessment assessment, ConversationRiskTracker tracker)
    {
        var participant = state.Participants.Find(p => p.Author == author);
        if (participant is null)
            return ConversationRisk.None;
        var risks = ConversationRisk.None;
        var minor = participant.MinorAge > 0 && participant.AdultAge == 0;
        if ((assessment.Risks & ConversationRisk.Grooming) != 0 && !minor
            && (ConversationRiskTracker.GroomingWeight(participant.Moves) >= tracker.GroomingThreshold || participant.TranscriptScore >= tracker.TranscriptGroomingThreshold))
            risks |= ConversationRisk.Grooming;
        if ((assessment.Risks & ConversationRisk.Sextortion) != 0 && (participant.Moves & SextortionMoves) != 0)
            risks |= ConversationRisk.Sextortion;
        if ((assessment.NewRisks & ConversationRisk.Scam) != 0 && (participant.Moves & ScamMoves) != 0)
            risks |= ConversationRisk.Scam;
        if ((assessment.NewRisks & ConversationRisk.MinorPresent) != 0 && minor)
            risks |= ConversationRisk.MinorPresent;
        return risks;
    }

    /// <summary>Other participants behind a case-worthy risk this message newly completed (e.g. the groomer when the child answers).</summary>
    public static IEnumerable<(string Author, ConversationRisk Risk)> Others(ConversationRiskState state, string author, ConversationAssessment assessment, ConversationRiskTracker tracker)
    {
        var fresh = assessment.NewRisks & (ConversationRisk.Grooming | ConversationRisk.Sextortion | ConversationRisk.Scam);
        if (fresh == ConversationRisk.None)
            yield break;
        var asNew = assessment with { NewRisks = fresh };
        foreach (var other in state.Participants)
        {
            if (other.Author == author)
                continue;
            var risks = For(state, other.Author, asNew, tracker) & fresh;
            if (risks != ConversationRisk.None)
                yield return (other.Author, risks);
        }
    }
}
