using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

public sealed class WellbeingSettingsService(HavenDbContext db, LimitService limits, PartnerService partners)
{
    public const int MinRealityCheckMinutes = 10;
    public const int MaxRealityCheckMinutes = 240;

    public async Task<WellbeingSettingsView> GetAsync(Guid memberId, CancellationToken ct)
    {
        var profile = await WellbeingProfiles.GetOrDefaultAsync(db, memberId, ct);
        return new WellbeingSettingsView(profile.TimeZone, profile.RealityCheckMinutes, profile.NudgesEnabled,
            await limits.ListAsync(memberId, ct), await partners.GetAsync(memberId, ct));
    }

    public async Task<Outcome<WellbeingSettingsView>> UpdateAsync(Guid memberId, WellbeingSettingsUpdate update, CancellationToken ct)
    {
        if (update.TimeZone is not null && MemberTime.TryFind(update.TimeZone) is null)
            return Invalid("TimeZoneUnknown", "Choose a time zone such as Asia/Jakarta or Europe/London.");
        if (update.RealityCheckMinutes is { } minutes && minutes != 0 && (minutes < MinRealityCheckMinutes || minutes > MaxRealityCheckMinutes))
            return Invalid("RealityCheckRange", $"Reality checks can come every {MinRealityCheckMinutes} to {MaxRealityCheckMinutes} minutes, or be off (0).");

        var profile = await db.WellbeingProfiles.SingleOrDefaultAsync(p => p.MemberId == memberId, ct);
        if (profile is null)
        {
            profile = new WellbeingProfile { MemberId = memberId };
            db.WellbeingProfiles.Add(profile);
        }

        if (update.TimeZone is not null)
            profile.TimeZone = MemberTime.TryFind(update.TimeZone)!.Id;
        if (update.RealityCheckMinutes is { } every)
            profile.RealityCheckMinutes = every == 0 ? null : every;
        if (update.NudgesEnabled is { } enabled)
            profile.NudgesEnabled = enabled;
        await db.SaveChangesAsync(ct);
        return await GetAsync(memberId, ct);
    }

    /// <summary>Sets the time zone only if the member never chose one (the browser's guess on first visit).</summary>
    public async Task AdoptBrowserTimeZoneAsync(Guid memberId, string? browserZone, CancellationToken ct)
    {
        if (MemberTime.TryFind(browserZone) is not { } zone || await db.WellbeingProfiles.AnyAsync(p => p.MemberId == memberId, ct))
            return;
        db.WellbeingProfiles.Add(new WellbeingProfile { MemberId = memberId, TimeZone = zone.Id });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another tab got there first; its choice stands.
            db.ChangeTracker.Clear();
        }
    }

    private static Refusal Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}
