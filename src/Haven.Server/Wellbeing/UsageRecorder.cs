using System.Collections.Concurrent;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Wellbeing;

/// <summary>
/// How time on Haven is measured. Haven only knows a member is here when something shows it, so
/// time is built from activity pings:
/// <list type="bullet">
/// <item>every chat hub connection;</item>
/// <item>every minute, each member with a live hub connection on this node (a reader who only
/// receives is still here), see <see cref="WellbeingSweeper"/>;</item>
/// <item>every minute, an open Haven page whose tab is visible (a hidden tab is not "time on Haven").</item>
/// </list>
/// Pings closer together than <see cref="WellbeingOptions.SessionGapMinutes"/> extend one session;
/// a longer gap closes it and the next ping starts a new one. A session lasts from its first to its
/// last ping, so time is counted to within a minute and idle gaps are never counted. Per node, a
/// member's row is written at most every <see cref="WellbeingOptions.UsageWriteSeconds"/>: pings in
/// between change the session's end by less than that, which keeps the hot path free of writes.
/// </summary>
public sealed class UsageRecorder(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WellbeingOptions> options)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastWritten = new();

    public async Task TouchAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_lastWritten.TryGetValue(memberId, out var last) && now >= last && now - last < TimeSpan.FromSeconds(options.Value.UsageWriteSeconds))
            return;
        _lastWritten[memberId] = now;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var openSince = now - TimeSpan.FromMinutes(options.Value.SessionGapMinutes);
        var open = await db.UsageSessions.Where(s => s.MemberId == memberId && s.LastSeenAt >= openSince)
            .OrderByDescending(s => s.LastSeenAt).FirstOrDefaultAsync(ct);
        if (open is not null)
        {
            if (now > open.LastSeenAt)
                open.LastSeenAt = now;
            await db.SaveChangesAsync(ct);
            return;
        }

        db.UsageSessions.Add(new UsageSession { MemberId = memberId, StartedAt = now, LastSeenAt = now });
        await db.SaveChangesAsync(ct);
        // A new session is the moment patterns such as night use become visible.
        await scope.ServiceProvider.GetRequiredService<NudgeService>().EvaluateAsync(memberId, ct);
    }

    /// <summary>The member's current session, if one is open now.</summary>
    public static async Task<UsageSession?> OpenSessionAsync(HavenDbContext db, Guid memberId, DateTimeOffset now, int gapMinutes, CancellationToken ct)
    {
        var openSince = now - TimeSpan.FromMinutes(gapMinutes);
        return await db.UsageSessions.AsNoTracking().Where(s => s.MemberId == memberId && s.LastSeenAt >= openSince)
            .OrderByDescending(s => s.LastSeenAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Sessions overlapping [from, to).</summary>
    public static Task<List<UsageSession>> SessionsAsync(HavenDbContext db, Guid memberId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct) =>
        db.UsageSessions.AsNoTracking().Where(s => s.MemberId == memberId && s.LastSeenAt > from && s.StartedAt < to).ToListAsync(ct);
}
