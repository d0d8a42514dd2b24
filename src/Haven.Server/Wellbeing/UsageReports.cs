using System.Globalization;
using System.Text;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Wellbeing;

/// <summary>The member's own usage figures: for limits (status) and for the dashboard (report, CSV).</summary>
public sealed class UsageReports(HavenDbContext db, TimeProvider clock, LimitService limits, IOptions<WellbeingOptions> options)
{
    public static readonly int[] Periods = [7, 30, 90];

    public async Task<TimeStatus> StatusAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var time = await WellbeingProfiles.TimeAsync(db, memberId, ct);
        var effective = await limits.EffectiveAsync(memberId, ct);
        var (dayFrom, dayTo) = time.PeriodOf(LimitKind.DailyMinutes, now);
        var (weekFrom, weekTo) = time.PeriodOf(LimitKind.WeeklyMinutes, now);
        var sessions = await UsageRecorder.SessionsAsync(db, memberId, weekFrom < dayFrom ? weekFrom : dayFrom, dayTo > weekTo ? dayTo : weekTo, ct);
        var open = await UsageRecorder.OpenSessionAsync(db, memberId, now, options.Value.SessionGapMinutes, ct);
        return new TimeStatus(
            MemberTime.MinutesWithin(sessions, dayFrom, dayTo),
            MemberTime.MinutesWithin(sessions, weekFrom, weekTo),
            effective.TryGetValue(LimitKind.DailyMinutes, out var daily) ? daily : null,
            effective.TryGetValue(LimitKind.WeeklyMinutes, out var weekly) ? weekly : null,
            open?.Length.TotalMinutes,
            dayTo);
    }

    public async Task<UsageReport> ReportAsync(Guid memberId, int days, CancellationToken ct)
    {
        days = Periods.Contains(days) ? days : 7;
        var now = clock.GetUtcNow();
        var profile = await WellbeingProfiles.GetOrDefaultAsync(db, memberId, ct);
        var time = MemberTime.For(profile.TimeZone);
        var today = time.Date(now);
        var first = today.AddDays(1 - days);
        var from = time.StartOf(first);
        var to = time.StartOf(today.AddDays(1));

        var sessions = await UsageRecorder.SessionsAsync(db, memberId, from, to, ct);
        var sent = await db.Messages.AsNoTracking().Where(m => m.SenderId == memberId && m.SentAt >= from && m.SentAt < to).Select(m => m.SentAt).ToListAsync(ct);
        var spent = await db.SpendingRecords.AsNoTracking().Where(s => s.MemberId == memberId && s.At >= from && s.At < to).Select(s => new { s.At, s.Credits }).ToListAsync(ct);
        var sentByDay = sent.GroupBy(time.Date).ToDictionary(g => g.Key, g => g.Count());
        var spentByDay = spent.GroupBy(s => time.Date(s.At)).ToDictionary(g => g.Key, g => g.Sum(s => s.Credits));
        var startedInRange = sessions.Where(s => s.StartedAt >= from).ToList();

        var list = new List<UsageDay>(days);
        for (var date = first; date <= today; date = date.AddDays(1))
        {
            var dayFrom = time.StartOf(date);
            var dayTo = time.StartOf(date.AddDays(1));
            list.Add(new UsageDay(
                date,
                (int)Math.Round(MemberTime.MinutesWithin(sessions, dayFrom, dayTo)),
                startedInRange.Count(s => time.Date(s.StartedAt) == date),
                sentByDay.GetValueOrDefault(date),
                spentByDay.GetValueOrDefault(date)));
        }

        var byHour = new int[24];
        foreach (var s in startedInRange)
            byHour[time.Local(s.StartedAt).Hour]++;
        var limitViews = await limits.ListAsync(memberId, ct);
        var dailyLimit = limitViews.Single(l => l.Kind == LimitKind.DailyMinutes).Value;
        return new UsageReport(
            time.Zone.Id, days, first, today, list, byHour, limitViews,
            dailyLimit is { } d ? list.Count(day => day.Minutes >= d) : 0,
            byHour.Where((_, hour) => NudgeService.IsNight(hour, options.Value)).Sum());
    }

    /// <summary>One row per day; limits in force now alongside, so a spreadsheet can compare.</summary>
    public static string Csv(UsageReport report)
    {
        var daily = report.Limits.Single(l => l.Kind == LimitKind.DailyMinutes).Value;
        var dailySpend = report.Limits.Single(l => l.Kind == LimitKind.DailySpend).Value;
        var csv = new StringBuilder("date,minutes,sessions,messages_sent,credits_spent,daily_minutes_limit,daily_spend_limit\n");
        foreach (var day in report.Days)
            csv.Append(CultureInfo.InvariantCulture, $"{day.Date:yyyy-MM-dd},{day.Minutes},{day.Sessions},{day.MessagesSent},{day.CreditsSpent},{daily},{dailySpend}\n");
        return csv.ToString();
    }
}
