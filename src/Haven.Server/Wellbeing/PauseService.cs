using Haven.Server.Accounts;
using Haven.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

/// <summary>Time-outs and self-exclusion: immediate, not shortened, and they sign the member out everywhere.</summary>
public sealed partial class PauseService(
    HavenDbContext db,
    TimeProvider clock,
    UserManager<Member> users,
    SecurityStampCheck stamps,
    PauseCache pauses,
    HubPresence presence,
    ILogger<PauseService> logger)
{
    public static readonly TimeSpan MinTimeOut = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxTimeOut = TimeSpan.FromDays(42);
    public static readonly int[] SelfExclusionMonths = [6, 12, 60];

    public async Task<Outcome<PauseView>> StartAsync(Guid memberId, StartPauseRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset endsAt;
        switch (request.Kind)
        {
            case PauseKind.TimeOut when request.Hours is { } hours && TimeSpan.FromHours(hours) is var length && length >= MinTimeOut && length <= MaxTimeOut:
                endsAt = now + length;
                break;
            case PauseKind.TimeOut:
                return Invalid("TimeOutLength", "A time-out lasts from 24 hours to 6 weeks.");
            case PauseKind.SelfExclusion when request.Months is { } months && SelfExclusionMonths.Contains(months):
                endsAt = now.AddMonths(months);
                break;
            case PauseKind.SelfExclusion:
                return Invalid("SelfExclusionLength", "A self-exclusion lasts 6 months, 1 year or 5 years.");
            default:
                return Invalid("PauseKindUnknown", "Choose a time-out or a self-exclusion.");
        }

        var member = await users.FindByIdAsync(memberId.ToString());
        if (member is null)
            return Refusal.NotFound();
        if (await db.WellbeingPauses.AnyAsync(p => p.MemberId == memberId && p.EndsAt > now, ct))
            return new Refusal(StatusCodes.Status409Conflict, "AlreadyPaused", "A break is already running.");

        var pause = new WellbeingPause { Id = Guid.NewGuid(), MemberId = memberId, Kind = request.Kind, StartedAt = now, EndsAt = endsAt };
        db.WellbeingPauses.Add(pause);
        await db.SaveChangesAsync(ct);

        // Every cookie and token carries the old stamp: changing it signs the member out on every device and node.
        await users.UpdateSecurityStampAsync(member);
        stamps.Forget(memberId);
        pauses.Forget(memberId);
        var closed = presence.Abort(memberId);
        LogPauseStarted(logger, memberId, request.Kind, closed);
        return View(pause, now);
    }

    public async Task<WellbeingPause?> ActiveAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.WellbeingPauses.AsNoTracking().Where(p => p.MemberId == memberId).Where(WellbeingPause.ActiveAt(now))
            .OrderByDescending(p => p.EndsAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Asked without being signed in (sign-in is closed while excluded): email and password prove who asks.
    /// Coming back then waits <see cref="WellbeingPause.ReturnWait"/>.
    /// </summary>
    public async Task<Outcome<ReturnView>> RequestReturnAsync(ReturnRequest request, CancellationToken ct)
    {
        var wrong = new Refusal(StatusCodes.Status401Unauthorized, "SignInFailed", "The email or password is not right.");
        var member = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        if (member is null || await users.IsLockedOutAsync(member))
            return wrong;
        if (!await users.CheckPasswordAsync(member, request.Password ?? ""))
        {
            await users.AccessFailedAsync(member);
            return wrong;
        }

        await users.ResetAccessFailedCountAsync(member);
        var now = clock.GetUtcNow();
        var exclusion = await db.WellbeingPauses.Where(p => p.MemberId == member.Id && p.Kind == PauseKind.SelfExclusion)
            .Where(WellbeingPause.ActiveAt(now)).OrderByDescending(p => p.EndsAt).FirstOrDefaultAsync(ct);
        if (exclusion is null)
            return new Refusal(StatusCodes.Status409Conflict, "NotExcluded", "There is no self-exclusion on this account. You can sign in.");
        if (exclusion.EndsAt > now)
            return new Refusal(StatusCodes.Status409Conflict, "StillExcluded", $"Your self-exclusion runs until {exclusion.EndsAt:u}. It cannot be shortened.");
        exclusion.ReturnRequestedAt ??= now;
        await db.SaveChangesAsync(ct);
        pauses.Forget(member.Id);
        return new ReturnView(exclusion.ReturnRequestedAt.Value, exclusion.ReturnRequestedAt.Value + WellbeingPause.ReturnWait);
    }

    public static PauseView View(WellbeingPause pause, DateTimeOffset now) =>
        new(pause.Kind, pause.StartedAt, pause.EndsAt, pause.ReturnRequestedAt, pause.IsActiveAt(now));

    private static Refusal Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Member {MemberId} started a {Kind}; {Connections} live connections closed")]
    private static partial void LogPauseStarted(ILogger logger, Guid memberId, PauseKind kind, int connections);
}
