using System.Text.Json.Serialization;

namespace Haven.Safety.Policy;

/// <summary>
/// One declarative rule: when <see cref="When"/> holds, apply <see cref="Actions"/>. A rule in
/// <see cref="Shadow"/> mode is evaluated and reported but not enforced (to trial a rule safely).
/// </summary>
public sealed record PolicyRule
{
    [JsonPropertyName("id")] public required string Id { get; init; }

    [JsonPropertyName("description")] public string Description { get; init; } = string.Empty;

    [JsonPropertyName("when")] public required PolicyCondition When { get; init; }

    [JsonPropertyName("actions")] public required IReadOnlyList<SafetyAction> Actions { get; init; }

    [JsonPropertyName("casePriority")] public CasePriority CasePriority { get; init; } = CasePriority.None;

    [JsonPropertyName("shadow")] public bool Shadow { get; init; }
}
