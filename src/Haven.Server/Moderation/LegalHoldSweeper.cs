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
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var now = clock.GetUtcNow();
        var ended = await db.ModerationCases.Where(c => c.LegalHold && c.LegalHoldUntil != null && c.LegalHoldUntil <= now)
            .OrderBy(c => c.LegalHoldUntil).Take(100).ToListAsync(cancellationToken);
        foreach (var c in ended)
        {
            var accountGone = !await db.Users.AnyAsync(m => m.Id == c.SubjectMemberId, cancellationToken);
            if (accountGone)
                db.ModerationCases.Remove(c);
            else
                c.LegalHold = false;
            await audit.AppendAsync(new AuditEvent(AuditEvent.System("moderation"), accountGone ? "moderation.legal_hold.erase" : "moderation.legal_hold.end",
                $"case:{c.Id}"), cancellationToken);
        }

        if (ended.Count > 0)
            LogEnded(logger, ended.Count);
        return ended.Count;
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
