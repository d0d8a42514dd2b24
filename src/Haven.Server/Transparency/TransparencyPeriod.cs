using System.Globalization;

namespace Haven.Server.Transparency;

/// <summary>A reporting period [From, To) in UTC.</summary>
public sealed record TransparencyPeriod(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>The last full calendar month before <paramref name="now"/> (UTC).</summary>
    public static TransparencyPeriod LastFullMonth(DateTimeOffset now)
    {
        var thisMonth = new DateTimeOffset(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return new(thisMonth.AddMonths(-1), thisMonth);
    }

    /// <summary>Both bounds or neither (the last full month); dates (yyyy-MM-dd) or ISO 8601 times, UTC unless an offset is given.</summary>
    public static Outcome<TransparencyPeriod> Parse(string? from, string? to, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
            return LastFullMonth(now);
        if (!TryParse(from, out var start) || !TryParse(to, out var end))
            return new Refusal(StatusCodes.Status400BadRequest, "PeriodInvalid", "Give both from and to as dates (yyyy-MM-dd) or ISO 8601 times.");
        if (start >= end)
            return new Refusal(StatusCodes.Status400BadRequest, "PeriodInvalid", "The period must start before it ends.");
        return new TransparencyPeriod(start, end);
    }

    private static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return false;
        value = parsed.ToUniversalTime();
        return true;
    }
}
