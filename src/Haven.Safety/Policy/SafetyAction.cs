using System.Text.Json.Serialization;

namespace Haven.Safety.Policy;

/// <summary>What a policy rule can do with a message. Ordered by severity (later is stronger).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SafetyAction>))]
public enum SafetyAction
{
    [JsonStringEnumMemberName("allow")] Allow,
    [JsonStringEnumMemberName("warn_sender")] WarnSender,
    [JsonStringEnumMemberName("warn_recipient")] WarnRecipient,
    [JsonStringEnumMemberName("verify_age")] VerifyAge,
    [JsonStringEnumMemberName("blur")] Blur,
    [JsonStringEnumMemberName("open_case")] OpenCase,
    [JsonStringEnumMemberName("hold_for_review")] HoldForReview,
    [JsonStringEnumMemberName("block")] Block,
}
