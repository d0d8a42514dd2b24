using Haven.Server.Audit;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>
/// Ends legal holds when their time is up. A case whose member deleted their account meanwhile is then
/// erased, finishing the deletion the hold postponed; other cases just stop being held. On every node, idempotently.
/// </summary>
public sealed partial class LegalHoldSweeper(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<ModerationOptions> options,
    ILogger<LegalHoldSweeper> logger) : BackgroundService
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<HavenDbContext>().ModerationCases
                .Where(c => c.LegalHold && c.LegalHoldUntil != null && c.LegalHoldUntil <= now)
                .OrderBy(c => c.LegalHoldUntil).Select(c => c.Id).Take(100).ToListAsync(cancellationToken);
        }

        var ended = 0;
        foreach (var id in due)
            if (await EndAsync(id, now, cancellationToken))
                ended++;
        if (ended > 0)
            LogEnded(logger, ended);
        return ended;
    }

    /// <summary>One case per unit of work: when another node (or sweep) got there first, this one simply skips it.</summary>
    private async Task<bool> EndAsync(Guid caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var c = await db.ModerationCases.SingleOrDefaultAsync(x => x.Id == caseId && x.LegalHold && x.LegalHoldUntil <= now, cancellationToken);
        if (c is null)
            return false;
        var accountGone = !await db.Users.AnyAsync(m => m.Id == c.SubjectMemberId, cancellationToken);
        if (accountGone)
            db.ModerationCases.Remove(c);
        else
            c.LegalHold = false;
        try
        {
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().AppendAsync(new AuditEvent(AuditEvent.System("moderation"),
                accountGone ? "moderation.legal_hold.erase" : "moderation.legal_hold.end", $"case:{c.Id}"), cancellationToken);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.LegalHoldSweepMinutes);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
            {
                LogFailed(logger, e);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ended {Count} legal holds.")]
    private static partial void LogEnded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Legal hold sweep failed; it will run again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
