namespace Haven.Safety.Conversation;

/// <summary>
/// The result of adding one message: every risk active in the conversation, the risks this message
/// newly fired, and explanation keys for them.
/// </summary>
public sealed record ConversationAssessment(
    ConversationRisk Risks,
    ConversationRisk NewRisks,
    IReadOnlyList<string> ExplanationKeys)
{
    public bool HasCaseRisk => (Risks & (ConversationRisk.Grooming | ConversationRisk.Sextortion | ConversationRisk.Scam)) != 0;
}
