using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

/// <summary>
/// An optional accountability partner: someone the member already talks with on Haven, who receives
/// a weekly summary of limits kept. No content, no times of day, no people: only counts. Stored for
/// the partner to read in Haven (there is no mail); revoking removes the partner and every summary.
/// </summary>
public sealed class PartnerService(HavenDbContext db, TimeProvider clock)
{
    public async Task<PartnerView?> GetAsync(Guid memberId, CancellationToken ct) =>
        await db.WellbeingProfiles.AsNoTracking().Where(p => p.MemberId == memberId && p.PartnerId != null)
            .Join(db.Users, p => p.PartnerId, m => m.Id, (p, m) => new PartnerView(m.Id, m.Pseudonym)).SingleOrDefaultAsync(ct);

    public async Task<Outcome<PartnerView>> SetAsync(Guid memberId, Guid partnerId, CancellationToken ct)
    {
        if (partnerId == memberId)
            return new Refusal(StatusCodes.Status400BadRequest, "PartnerIsSelf", "Your partner needs to be someone else.");
        var connected = await db.ConversationMembers.AnyAsync(mine => mine.MemberId == memberId && !mine.Hidden
            && db.ConversationMembers.Any(theirs => theirs.ConversationId == mine.ConversationId && theirs.MemberId == partnerId), ct);
        var blocked = await db.Blocks.AnyAsync(b => (b.BlockerId == memberId && b.BlockedId == partnerId) || (b.BlockerId == partnerId && b.BlockedId == memberId), ct);
        var partner = connected && !blocked ? await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == partnerId, ct) : null;
        if (partner is null)
            return Refusal.NotFound("Your partner needs to be someone you already talk with on Haven.");

        var profile = await ProfileForUpdateAsync(memberId, ct);
        if (profile.PartnerId != partnerId)
            await db.PartnerSummaries.Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);
        profile.PartnerId = partnerId;
        await db.SaveChangesAsync(ct);
        return new PartnerView(partner.Id, partner.Pseudonym);
    }

    public async Task RevokeAsync(Guid memberId, CancellationToken ct)
    {
        var profile = await db.WellbeingProfiles.SingleOrDefaultAsync(p => p.MemberId == memberId, ct);
        if (profile is not null)
        {
            profile.PartnerId = null;
            await db.SaveChangesAsync(ct);
        }

        await db.PartnerSummaries.Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Summaries others chose to share with <paramref name="partnerId"/>, while they still do.</summary>
    public async Task<IReadOnlyList<PartnerSummaryView>> SharedWithAsync(Guid partnerId, CancellationToken ct)
    {
        var rows = await db.PartnerSummaries.AsNoTracking()
            .Where(s => s.PartnerId == partnerId && db.WellbeingProfiles.Any(p => p.MemberId == s.MemberId && p.PartnerId == partnerId))
            .Join(db.Users, s => s.MemberId, m => m.Id, (s, m) => new { s, m.Pseudonym })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.s.WeekStart).Take(52)
            .Select(r => new PartnerSummaryView(r.s.MemberId, r.Pseudonym, r.s.WeekStart, r.s.LimitsSet, r.s.DaysWithinLimits, r.s.LimitHits))
            .ToList();
    }

    /// <summary>Writes last week's summary for every member with a partner who does not have it yet.</summary>
    public async Task<int> GenerateDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var profiles = await db.WellbeingProfiles.AsNoTracking().Where(p => p.PartnerId != null).ToListAsync(ct);
        var written = 0;
        foreach (var profile in profiles)
        {
            var time = MemberTime.For(profile.TimeZone);
            var weekStart = MemberTime.WeekStart(time.Date(now)).AddDays(-7);
            if (await db.PartnerSummaries.AnyAsync(s => s.MemberId == profile.MemberId && s.PartnerId == profile.PartnerId && s.WeekStart == weekStart, ct))
                continue;
            var weekEnd = weekStart.AddDays(7);
            var limits = await db.WellbeingLimits.AsNoTracking().Where(l => l.MemberId == profile.MemberId && l.Value != null).CountAsync(ct);
            var hitDays = await db.LimitHits.AsNoTracking()
                .Where(h => h.MemberId == profile.MemberId && h.LocalDate >= weekStart && h.LocalDate < weekEnd)
                .Select(h => h.LocalDate).ToListAsync(ct);
            db.PartnerSummaries.Add(new PartnerSummary
            {
                MemberId = profile.MemberId,
                PartnerId = profile.PartnerId!.Value,
                WeekStart = weekStart,
                LimitsSet = limits,
                DaysWithinLimits = limits == 0 ? 0 : 7 - hitDays.Distinct().Count(),
                LimitHits = hitDays.Count,
                CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                written++;
            }
            catch (DbUpdateException)
            {
                // Another node wrote this week's summary first; the unique index keeps one.
                db.ChangeTracker.Clear();
            }
        }

        return written;
    }

    private async Task<WellbeingProfile> ProfileForUpdateAsync(Guid memberId, CancellationToken ct)
    {
        var profile = await db.WellbeingProfiles.SingleOrDefaultAsync(p => p.MemberId == memberId, ct);
        if (profile is null)
        {
            profile = new WellbeingProfile { MemberId = memberId };
            db.WellbeingProfiles.Add(profile);
        }

        return profile;
    }
}
