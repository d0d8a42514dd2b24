using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

/// <summary>Small shared reads and writes around the member's wellbeing profile.</summary>
public static class WellbeingProfiles
{
    public static async Task<WellbeingProfile> GetOrDefaultAsync(HavenDbContext db, Guid memberId, CancellationToken ct) =>
        await db.WellbeingProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.MemberId == memberId, ct)
            ?? new WellbeingProfile { MemberId = memberId };

    public static async Task<MemberTime> TimeAsync(HavenDbContext db, Guid memberId, CancellationToken ct) =>
        MemberTime.For(await db.WellbeingProfiles.Where(p => p.MemberId == memberId).Select(p => p.TimeZone).SingleOrDefaultAsync(ct));

    /// <summary>Notes that a limit was reached today (once per kind and local day); true when this is the first time today.</summary>
    public static async Task<bool> RecordLimitHitAsync(HavenDbContext db, Guid memberId, LimitKind kind, MemberTime time, DateTimeOffset now, CancellationToken ct)
    {
        var today = time.Date(now);
        if (await db.LimitHits.AnyAsync(h => h.MemberId == memberId && h.Kind == kind && h.LocalDate == today, ct))
            return false;
        db.LimitHits.Add(new LimitHit { MemberId = memberId, Kind = kind, LocalDate = today, At = now });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node noted the same hit first: the unique index keeps one.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
