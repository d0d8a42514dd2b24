using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Wellbeing;

/// <summary>
/// Notices patterns in the member's own usage and offers a short, warm message: never a diagnosis,
/// each kind at most once per cooldown, none at all when the member turned nudges off.
/// </summary>
public sealed class NudgeService(HavenDbContext db, TimeProvider clock, IOptions<WellbeingOptions> options)
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    public static bool IsNight(int hour, WellbeingOptions o) =>
        o.NightStartHour < o.NightEndHour
            ? hour >= o.NightStartHour && hour < o.NightEndHour
            : hour >= o.NightStartHour || hour < o.NightEndHour;

    public async Task<IReadOnlyList<Nudge>> EvaluateAsync(Guid memberId, CancellationToken ct)
    {
        var o = options.Value;
        var profile = await WellbeingProfiles.GetOrDefaultAsync(db, memberId, ct);
        if (!profile.NudgesEnabled)
            return [];

        var now = clock.GetUtcNow();
        var time = MemberTime.For(profile.TimeZone);
        var sessions = await UsageRecorder.SessionsAsync(db, memberId, now - 2 * Week, now + TimeSpan.FromMinutes(1), ct);
        var weekAgo = now - Week;
        var fired = new List<NudgeRule>();

        if (await db.LimitHits.CountAsync(h => h.MemberId == memberId && h.At >= weekAgo, ct) >= o.LimitHitsPerWeek)
            fired.Add(NudgeRule.LimitHits);
        if (sessions.Count(s => s.StartedAt >= weekAgo && IsNight(time.Local(s.StartedAt).Hour, o)) >= o.NightSessionsPerWeek)
            fired.Add(NudgeRule.NightUse);
        if (sessions.Any(s => s.LastSeenAt >= now - TimeSpan.FromDays(1) && s.Length >= TimeSpan.FromMinutes(o.LongSessionMinutes)))
            fired.Add(NudgeRule.LongSession);
        var thisWeek = MemberTime.MinutesWithin(sessions, weekAgo, now);
        var lastWeek = MemberTime.MinutesWithin(sessions, weekAgo - Week, weekAgo);
        if (thisWeek >= o.EscalationMinimumMinutes && lastWeek > 0 && thisWeek >= lastWeek * o.EscalationFactor)
            fired.Add(NudgeRule.Escalation);

        var cooldownStart = now - TimeSpan.FromHours(o.NudgeCooldownHours);
        var created = new List<Nudge>();
        foreach (var rule in fired.Except(o.DisabledNudges))
        {
            if (await db.Nudges.AnyAsync(n => n.MemberId == memberId && n.Rule == rule && n.CreatedAt > cooldownStart, ct))
                continue;
            var nudge = new Nudge { MemberId = memberId, Rule = rule, CreatedAt = now };
            db.Nudges.Add(nudge);
            created.Add(nudge);
        }

        if (created.Count > 0)
            await db.SaveChangesAsync(ct);
        return created;
    }

    /// <summary>Nudges of the last week the member has not put away.</summary>
    public async Task<IReadOnlyList<NudgeView>> ActiveAsync(Guid memberId, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - Week;
        var rows = await db.Nudges.AsNoTracking().Where(n => n.MemberId == memberId && n.DismissedAt == null && n.CreatedAt >= since).ToListAsync(ct);
        return rows.OrderByDescending(n => n.CreatedAt).Select(n => new NudgeView(n.Id, n.Rule, n.CreatedAt)).ToList();
    }

    public async Task<Refusal?> DismissAsync(Guid memberId, long nudgeId, CancellationToken ct)
    {
        var nudge = await db.Nudges.SingleOrDefaultAsync(n => n.Id == nudgeId && n.MemberId == memberId, ct);
        if (nudge is null)
            return Refusal.NotFound("This nudge could not be found.");
        nudge.DismissedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }
}
