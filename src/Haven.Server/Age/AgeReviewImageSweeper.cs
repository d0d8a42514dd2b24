using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Age;

/// <summary>
/// Deletes ID images once their review has been decided for the configured hours (always within
/// 24 hours of the decision), and forgets old provider event ids; on every node, idempotently.
/// </summary>
public sealed partial class AgeReviewImageSweeper(
    IServiceScopeFactory scopes,
    TimeProvider clock,
    IOptions<AgeOptions> options,
    ILogger<AgeReviewImageSweeper> logger) : BackgroundService
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        var now = clock.GetUtcNow();
        // A provider callback older than five minutes is refused by its timestamp, so after a day its
        // event id no longer needs remembering.
        var staleEvents = now.AddDays(-1);
        await db.AgeReplayKeys.Where(k => k.Key.StartsWith(ProviderVerifier.EventKeyPrefix) && k.SeenAt < staleEvents)
            .ExecuteDeleteAsync(cancellationToken);

        var due = now.AddHours(-options.Value.ReviewImageHoursAfterDecision);
        var reviews = await db.AgeReviews
            .Where(r => r.DecidedAt != null && r.DecidedAt <= due && r.ImageDeletedAt == null)
            .Select(r => r.Id).Take(500).ToListAsync(cancellationToken);
        if (reviews.Count == 0)
            return 0;
        await db.AgeReviewImages.Where(i => reviews.Contains(i.ReviewId)).ExecuteDeleteAsync(cancellationToken);
        await db.AgeReviews.Where(r => reviews.Contains(r.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ImageDeletedAt, now), cancellationToken);
        LogDeleted(logger, reviews.Count);
        return reviews.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(options.Value.ReviewSweepMinutes);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} ID images after review.")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ID image clean-up failed; it will run again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
