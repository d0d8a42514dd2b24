namespace Haven.Server.Wellbeing;

/// <summary>Days, weeks and months as the member lives them, in their own time zone.</summary>
public sealed class MemberTime(TimeZoneInfo zone)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static MemberTime For(string? timeZoneId) => new(TryFind(timeZoneId) ?? TimeZoneInfo.Utc);

    public static TimeZoneInfo? TryFind(string? timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && timeZoneId.Length <= 64
            && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) && zone.HasIanaId
            ? zone
            : null;

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly Date(DateTimeOffset instant) => DateOnly.FromDateTime(Local(instant).DateTime);

    /// <summary>The instant the local day begins (the first valid local time when midnight is skipped by DST).</summary>
    public DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        while (Zone.IsInvalidTime(local))
            local = local.AddMinutes(30);
        // In UTC: PostgreSQL stores only UTC instants, and comparisons read more plainly that way.
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>ISO weeks: Monday to Sunday.</summary>
    public static DateOnly WeekStart(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static DateOnly MonthStart(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>The half-open interval of the period of <paramref name="kind"/> that contains <paramref name="now"/>.</summary>
    public (DateTimeOffset From, DateTimeOffset To) PeriodOf(LimitKind kind, DateTimeOffset now)
    {
        var today = Date(now);
        return kind switch
        {
            LimitKind.DailyMinutes or LimitKind.DailySpend => (StartOf(today), StartOf(today.AddDays(1))),
            LimitKind.WeeklyMinutes or LimitKind.WeeklySpend => (StartOf(WeekStart(today)), StartOf(WeekStart(today).AddDays(7))),
            _ => (StartOf(MonthStart(today)), StartOf(MonthStart(today).AddMonths(1))),
        };
    }

    /// <summary>Minutes of <paramref name="sessions"/> that fall inside [from, to).</summary>
    public static double MinutesWithin(IEnumerable<UsageSession> sessions, DateTimeOffset from, DateTimeOffset to) =>
        sessions.Sum(s =>
        {
            var start = s.StartedAt > from ? s.StartedAt : from;
            var end = s.LastSeenAt < to ? s.LastSeenAt : to;
            return end > start ? (end - start).TotalMinutes : 0;
        });
}
