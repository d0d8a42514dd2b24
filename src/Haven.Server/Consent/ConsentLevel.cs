using System.Text.Json.Serialization;

namespace Haven.Server.Consent;

/// <summary>What a member is comfortable with in one conversation, from least to most explicit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsentLevel>))]
public enum ConsentLevel
{
    Chat = 0,
    Flirting = 1,
    ExplicitText = 2,
    ExplicitMedia = 3,
}
