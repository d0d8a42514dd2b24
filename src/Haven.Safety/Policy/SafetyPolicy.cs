using System.Text.Json;
using System.Text.Json.Serialization;
using Haven.Safety.Detection;

namespace Haven.Safety.Policy;

/// <summary>A policy document: an ordered list of rules, loaded from JSON (see docs/safety-policy.md).</summary>
public sealed record SafetyPolicy
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    [JsonPropertyName("version")] public int Version { get; init; } = 1;

    [JsonPropertyName("rules")] public IReadOnlyList<PolicyRule> Rules { get; init; } = [];

    /// <summary>The shipped default policy (embedded Policy/default-policy.json).</summary>
    public static SafetyPolicy Default { get; } = LoadDefault();

    /// <summary>Parses and validates a policy; throws <see cref="InvalidDataException"/> with the reason.</summary>
    public static SafetyPolicy Parse(string json)
    {
        SafetyPolicy? policy;
        try
        {
            policy = JsonSerializer.Deserialize<SafetyPolicy>(json, Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Policy JSON is invalid: {e.Message}", e);
        }

        if (policy is null)
            throw new InvalidDataException("Policy JSON is empty.");
        policy.Validate();
        return policy;
    }

    private void Validate()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id) || !ids.Add(rule.Id))
                throw new InvalidDataException($"Policy rule ids must be present and unique ('{rule.Id}').");
            if (rule.Actions.Count == 0)
                throw new InvalidDataException($"Policy rule '{rule.Id}' has no actions.");
            foreach (var label in (rule.When.Signals ?? []).Concat(rule.When.AllSignals ?? []))
                if (!SignalKindLabels.TryParse(label, out _))
                    throw new InvalidDataException($"Policy rule '{rule.Id}' names unknown signal '{label}'.");
            foreach (var risk in rule.When.ConversationRisks ?? [])
                if (!PolicyEngine.TryParseRisk(risk, out _))
                    throw new InvalidDataException($"Policy rule '{rule.Id}' names unknown conversation risk '{risk}'.");
            if (rule.When.Signals is null && rule.When.AllSignals is null && rule.When.ConversationRisks is null)
                throw new InvalidDataException($"Policy rule '{rule.Id}' must test signals or conversation risks.");
        }
    }

    private static SafetyPolicy LoadDefault()
    {
        using var stream = typeof(SafetyPolicy).Assembly.GetManifestResourceStream("Haven.Safety.Policy.default-policy.json")
            ?? throw new InvalidOperationException("The embedded default policy is missing.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

}
