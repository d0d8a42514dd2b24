using System.Text.Json.Serialization;

namespace Haven.Safety.Policy;

/// <summary>What both members of a conversation have opted into (Haven's consent gate).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentLevel>))]
public enum ConsentLevel
{
    [JsonStringEnumMemberName("none")] None,
    [JsonStringEnumMemberName("flirt")] Flirt,
    [JsonStringEnumMemberName("explicit")] Explicit,
}
