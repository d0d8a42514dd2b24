using System.Text.Json.Serialization;

namespace Haven.Safety.Policy;

/// <summary>
/// When a rule applies. Every field that is set must hold; unset fields match anything.
/// <c>signals</c> matches when any listed signal is present at <c>minScore</c> or more;
/// <c>allSignals</c> when all are; <c>conversationRisks</c> when any listed risk is active.
/// </summary>
public sealed record PolicyCondition
{
    [JsonPropertyName("signals")] public IReadOnlyList<string>? Signals { get; init; }

    [JsonPropertyName("allSignals")] public IReadOnlyList<string>? AllSignals { get; init; }

    [JsonPropertyName("minScore")] public double MinScore { get; init; } = 0.5;

    [JsonPropertyName("conversationRisks")] public IReadOnlyList<string>? ConversationRisks { get; init; }

    [JsonPropertyName("consent")] public IReadOnlyList<ConsentLevel>? Consent { get; init; }

    [JsonPropertyName("accountAgeDaysBelow")] public int? AccountAgeDaysBelow { get; init; }

    [JsonPropertyName("verified")] public bool? Verified { get; init; }

    [JsonPropertyName("priorStrikesAtLeast")] public int? PriorStrikesAtLeast { get; init; }

    [JsonPropertyName("direction")] public MessageDirection? Direction { get; init; }
}
