using System.Text.Json.Serialization;

namespace Haven.Safety.Policy;

/// <summary>Priority of a moderation case a rule opens.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CasePriority>))]
public enum CasePriority
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("low")] Low,
    [JsonStringEnumMemberName("medium")] Medium,
    [JsonStringEnumMemberName("high")] High,
    [JsonStringEnumMemberName("critical")] Critical,
}
