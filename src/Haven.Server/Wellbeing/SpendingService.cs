using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

/// <summary>
/// Spending as wellbeing sees it: payments asks <see cref="CheckAsync"/> before charging and calls
/// <see cref="RecordAsync"/> after, in credits. Only amounts and times are kept.
/// </summary>
public sealed class SpendingService(HavenDbContext db, TimeProvider clock, LimitService limits)
{
    private static readonly LimitKind[] SpendKinds = [LimitKind.DailySpend, LimitKind.WeeklySpend, LimitKind.MonthlySpend];

    /// <summary>Null when spending <paramref name="credits"/> now stays within every spending limit the member set.</summary>
    public async Task<Refusal?> CheckAsync(Guid memberId, long credits, CancellationToken ct)
    {
        if (credits <= 0)
            return new Refusal(StatusCodes.Status400BadRequest, "AmountInvalid", "The amount must be positive.");
        var effective = await limits.EffectiveAsync(memberId, ct);
        var now = clock.GetUtcNow();
        var time = await WellbeingProfiles.TimeAsync(db, memberId, ct);
        foreach (var kind in SpendKinds)
        {
            if (!effective.TryGetValue(kind, out var limit))
                continue;
            var (from, to) = time.PeriodOf(kind, now);
            var spent = await db.SpendingRecords.Where(s => s.MemberId == memberId && s.At >= from && s.At < to).SumAsync(s => (long?)s.Credits, ct) ?? 0;
            if (spent + credits > limit)
            {
                await WellbeingProfiles.RecordLimitHitAsync(db, memberId, kind, time, now, ct);
                return new Refusal(StatusCodes.Status403Forbidden, "SpendLimitReached",
                    "This would go past the spending limit you set. Your limit is there to help you; it resets with the next period.");
            }
        }

        return null;
    }

    public async Task<Outcome<long>> RecordAsync(Guid memberId, long credits, CancellationToken ct)
    {
        if (await CheckAsync(memberId, credits, ct) is { } refusal)
            return refusal;
        var record = new SpendingRecord { MemberId = memberId, Credits = credits, At = clock.GetUtcNow() };
        db.SpendingRecords.Add(record);
        await db.SaveChangesAsync(ct);
        return record.Id;
    }
}
