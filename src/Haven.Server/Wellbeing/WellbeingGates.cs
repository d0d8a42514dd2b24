using Haven.Server.Accounts;
using Haven.Server.Chat;
using Haven.Server.Cluster;
using Haven.Server.Contacts;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Wellbeing;

/// <summary>No sign-in while a time-out or self-exclusion runs.</summary>
internal sealed class PauseSignInGate(PauseCache pauses) : ISignInGate
{
    public async ValueTask<bool> CanSignInAsync(Member member, CancellationToken cancellationToken) =>
        !await pauses.IsPausedAsync(member.Id, cancellationToken);
}

/// <summary>No contact requests from a member on a break (a token issued before it may still be in flight).</summary>
internal sealed class PauseContactGate(PauseCache pauses) : IContactGate
{
    public async ValueTask<Refusal?> CheckAsync(Guid memberId, ContactAction action, CancellationToken cancellationToken) =>
        await pauses.IsPausedAsync(memberId, cancellationToken) ? WellbeingRefusals.Paused : null;
}

/// <summary>
/// Sending stops while the member is on a break or past a time limit they set; reading never does.
/// The refusal says so kindly; reaching a limit is noted once a day for the member's own patterns.
/// </summary>
internal sealed class WellbeingMessageGate(HavenDbContext db, PauseCache pauses, FactCache facts, TimeProvider clock, UsageReports usage, NudgeService nudges) : IMessageGate
{
    public async ValueTask<Refusal?> CheckAsync(MessageGateContext context, CancellationToken cancellationToken)
    {
        if (await pauses.IsPausedAsync(context.SenderId, cancellationToken))
            return WellbeingRefusals.Paused;

        // Most members set no time limit: a cached "no" and the message goes on.
        if (!await facts.GetOrLoadAsync(LimitService.HasTimeLimitKey(context.SenderId), c => db.WellbeingLimits.AnyAsync(l => l.MemberId == context.SenderId
                && l.Value != null && (l.Kind == LimitKind.DailyMinutes || l.Kind == LimitKind.WeeklyMinutes), c), cancellationToken))
            return null;
        var now = clock.GetUtcNow();
        var status = await usage.StatusAsync(context.SenderId, cancellationToken);
        if (status.ReachedLimit is not { } kind)
            return null;
        var time = await WellbeingProfiles.TimeAsync(db, context.SenderId, cancellationToken);
        if (await WellbeingProfiles.RecordLimitHitAsync(db, context.SenderId, kind, time, now, cancellationToken))
            await nudges.EvaluateAsync(context.SenderId, cancellationToken);
        return WellbeingRefusals.TimeLimitReached;
    }
}

public static class WellbeingRefusals
{
    public static readonly Refusal Paused = new(StatusCodes.Status403Forbidden, "Paused",
        "You're taking a break from Haven right now, so sending is paused. Take care; we'll be here when it ends.");

    public static readonly Refusal TimeLimitReached = new(StatusCodes.Status403Forbidden, "TimeLimitReached",
        "You've reached the time limit you set for yourself. You can still read your messages; sending opens again when your limit resets. Well done for keeping to it.");
}
