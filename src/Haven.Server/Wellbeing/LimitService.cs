using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

/// <summary>
/// Self-set limits. Stricter is immediate; looser waits out a cooling-off and then needs a confirmation,
/// the way gambling regulators require it, so a decision made in a calm moment holds in a weak one.
/// </summary>
public sealed class LimitService(HavenDbContext db, FactCache facts, TimeProvider clock)
{
    /// <summary>Cached "does this member have a time limit?", asked on every message they send.</summary>
    public static string HasTimeLimitKey(Guid memberId) => $"time-limit:{memberId}";

    public static readonly TimeSpan CoolingOff = TimeSpan.FromHours(24);

    /// <summary>A confirmed-ready change not confirmed within this window lapses, so an old wish does not linger.</summary>
    public static readonly TimeSpan ConfirmWindow = TimeSpan.FromDays(7);

    public static (long Min, long Max) Range(LimitKind kind) => kind switch
    {
        LimitKind.DailyMinutes => (5, 24 * 60),
        LimitKind.WeeklyMinutes => (5, 7 * 24 * 60),
        _ => (0, 100_000_000),
    };

    public async Task<IReadOnlyList<LimitView>> ListAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rows = await db.WellbeingLimits.AsNoTracking().Where(l => l.MemberId == memberId).ToListAsync(ct);
        return Enum.GetValues<LimitKind>().Select(kind => View(kind, rows.SingleOrDefault(r => r.Kind == kind), now)).ToList();
    }

    /// <summary>The limits in force now, by kind (only those that are set).</summary>
    public async Task<Dictionary<LimitKind, long>> EffectiveAsync(Guid memberId, CancellationToken ct) =>
        await db.WellbeingLimits.AsNoTracking().Where(l => l.MemberId == memberId && l.Value != null)
            .ToDictionaryAsync(l => l.Kind, l => l.Value!.Value, ct);

    public async Task<Outcome<LimitView>> ChangeAsync(Guid memberId, LimitKind kind, long? value, CancellationToken ct)
    {
        if (!Enum.IsDefined(kind))
            return Invalid("LimitKindUnknown", "This kind of limit does not exist.");
        var (min, max) = Range(kind);
        if (value is { } v && (v < min || v > max))
            return Invalid("LimitOutOfRange", $"This limit can be between {min} and {max}.");

        var now = clock.GetUtcNow();
        var row = await db.WellbeingLimits.SingleOrDefaultAsync(l => l.MemberId == memberId && l.Kind == kind, ct);
        if (row is null)
        {
            row = new WellbeingLimit { MemberId = memberId, Kind = kind };
            db.WellbeingLimits.Add(row);
        }

        if (IsStricter(value, row.Value))
        {
            row.Value = value;
            ClearPending(row);
        }
        else if (value != row.Value)
        {
            row.HasPending = true;
            row.PendingValue = value;
            row.PendingFrom = now + CoolingOff;
        }
        else
        {
            // Asking for what is already in force withdraws any looser change that was waiting.
            ClearPending(row);
        }

        await db.SaveChangesAsync(ct);
        facts.Evict(HasTimeLimitKey(memberId));
        return View(kind, row, now);
    }

    public async Task<Outcome<LimitView>> ConfirmAsync(Guid memberId, LimitKind kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = await db.WellbeingLimits.SingleOrDefaultAsync(l => l.MemberId == memberId && l.Kind == kind, ct);
        if (row is not { HasPending: true, PendingFrom: { } from })
            return Conflict("NothingToConfirm", "There is no change waiting for this limit.");
        if (now < from)
            return Conflict("CoolingOff", $"This change can be confirmed from {from:u}. The wait helps a calm decision hold.");
        if (now > from + ConfirmWindow)
        {
            ClearPending(row);
            await db.SaveChangesAsync(ct);
            return Conflict("ChangeLapsed", "This change was not confirmed in time, so your limit stays as it is. You can ask again.");
        }

        row.Value = row.PendingValue;
        ClearPending(row);
        await db.SaveChangesAsync(ct);
        facts.Evict(HasTimeLimitKey(memberId));
        return View(kind, row, now);
    }

    public async Task<Outcome<LimitView>> CancelAsync(Guid memberId, LimitKind kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = await db.WellbeingLimits.SingleOrDefaultAsync(l => l.MemberId == memberId && l.Kind == kind, ct);
        if (row is not null)
        {
            ClearPending(row);
            await db.SaveChangesAsync(ct);
        }

        return View(kind, row, now);
    }

    /// <summary>Null is "no limit", the loosest of all.</summary>
    private static bool IsStricter(long? requested, long? current) =>
        requested is { } r && (current is null || r < current);

    private static void ClearPending(WellbeingLimit row)
    {
        row.HasPending = false;
        row.PendingValue = null;
        row.PendingFrom = null;
    }

    private static LimitView View(LimitKind kind, WellbeingLimit? row, DateTimeOffset now)
    {
        var pending = row is { HasPending: true, PendingFrom: { } from } && now <= from + ConfirmWindow
            ? new PendingLimitChange(row.PendingValue, from, from + ConfirmWindow, now >= from)
            : null;
        return new LimitView(kind, row?.Value, pending);
    }

    private static Refusal Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    private static Refusal Conflict(string code, string message) => new(StatusCodes.Status409Conflict, code, message);
}
