using System.Text.Json.Serialization;

namespace Haven.Safety.Policy;

/// <summary>Whether the message opens contact with someone or continues an existing conversation.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MessageDirection>))]
public enum MessageDirection
{
    [JsonStringEnumMemberName("first_contact")] FirstContact,
    [JsonStringEnumMemberName("ongoing")] Ongoing,
}
