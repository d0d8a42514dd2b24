namespace Haven.Server.Presence;

/// <summary>Renews this node's members in the shared presence view while their connections are open.</summary>
internal sealed partial class PresenceRenewal(PresenceTracker tracker, TimeProvider clock, ILogger<PresenceRenewal> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(PresenceTracker.RenewEvery, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await tracker.RenewAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRenewFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew presence; it is retried shortly.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception);
}
