using System.Text.Json.Serialization;

namespace Haven.Server.Wellbeing;

public sealed record PendingLimitChange(long? Value, DateTimeOffset ConfirmFrom, DateTimeOffset ConfirmBy, bool ReadyToConfirm);

public sealed record LimitView([property: JsonConverter(typeof(JsonStringEnumConverter<LimitKind>))] LimitKind Kind, long? Value, PendingLimitChange? Pending);

public sealed record LimitChange(long? Value);

public sealed record WellbeingSettingsView(string TimeZone, int? RealityCheckMinutes, bool NudgesEnabled, IReadOnlyList<LimitView> Limits, PartnerView? Partner);

/// <summary>Only the fields given change. RealityCheckMinutes 0 turns reality checks off.</summary>
public sealed record WellbeingSettingsUpdate(string? TimeZone, int? RealityCheckMinutes, bool? NudgesEnabled);

public sealed record StartPauseRequest([property: JsonConverter(typeof(JsonStringEnumConverter<PauseKind>))] PauseKind Kind, int? Hours, int? Months);

public sealed record PauseView([property: JsonConverter(typeof(JsonStringEnumConverter<PauseKind>))] PauseKind Kind, DateTimeOffset StartedAt, DateTimeOffset EndsAt, DateTimeOffset? ReturnRequestedAt, bool Active);

public sealed record ReturnRequest(string? Email, string? Password);

public sealed record ReturnView(DateTimeOffset RequestedAt, DateTimeOffset ReturnsAt);

/// <summary>Where the member is against their time limits right now.</summary>
public sealed record TimeStatus(double TodayMinutes, double WeekMinutes, long? DailyLimit, long? WeeklyLimit, double? SessionMinutes, DateTimeOffset DayEndsAt)
{
    public LimitKind? ReachedLimit =>
        DailyLimit is { } d && TodayMinutes >= d ? LimitKind.DailyMinutes
        : WeeklyLimit is { } w && WeekMinutes >= w ? LimitKind.WeeklyMinutes
        : null;
}

public sealed record UsageDay(DateOnly Date, int Minutes, int Sessions, int MessagesSent, long CreditsSpent);

public sealed record UsageReport(
    string TimeZone,
    int Period,
    DateOnly From,
    DateOnly To,
    IReadOnlyList<UsageDay> Days,
    IReadOnlyList<int> SessionsByHour,
    IReadOnlyList<LimitView> Limits,
    int DaysAtOrOverTimeLimit,
    int NightSessions)
{
    public int TotalMinutes => Days.Sum(d => d.Minutes);

    public int TotalMessages => Days.Sum(d => d.MessagesSent);

    public long TotalCredits => Days.Sum(d => d.CreditsSpent);
}

public sealed record NudgeView(long Id, [property: JsonConverter(typeof(JsonStringEnumConverter<NudgeRule>))] NudgeRule Rule, DateTimeOffset CreatedAt);

public enum SelfCheckBand
{
    Fine,
    WorthWatching,
    WorthTalking,
}

public sealed record SelfCheckSubmission([property: JsonConverter(typeof(JsonStringEnumConverter<SelfCheckKind>))] SelfCheckKind Kind, IReadOnlyList<int>? Answers);

public sealed record SelfCheckView(
    long Id,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SelfCheckKind>))] SelfCheckKind Kind,
    int Score,
    int MaxScore,
    [property: JsonConverter(typeof(JsonStringEnumConverter<SelfCheckBand>))] SelfCheckBand Band,
    DateTimeOffset TakenAt);

public sealed record PartnerView(Guid MemberId, string Pseudonym);

public sealed record PartnerRequest(Guid MemberId);

public sealed record PartnerSummaryView(Guid MemberId, string Pseudonym, DateOnly WeekStart, int LimitsSet, int DaysWithinLimits, int LimitHits);

public sealed record HelplineView(string Country, string Name, string Number, string? Dial, string? Url, string Description);
