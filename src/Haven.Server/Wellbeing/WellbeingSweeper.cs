using Microsoft.Extensions.Options;

namespace Haven.Server.Wellbeing;

/// <summary>
/// Each node, every <see cref="WellbeingOptions.SweepSeconds"/>: counts members with a live hub
/// connection as present (usage), closes connections of members whose break began on another node,
/// and writes due partner summaries.
/// </summary>
internal sealed partial class WellbeingSweeper(
    IServiceScopeFactory scopes,
    HubPresence presence,
    PauseCache pauses,
    UsageRecorder usage,
    TimeProvider clock,
    IOptions<WellbeingOptions> options,
    ILogger<WellbeingSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SweepSeconds), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(logger, e);
            }
        }
    }

    public async Task SweepAsync(CancellationToken ct)
    {
        foreach (var memberId in presence.Members())
        {
            if (await pauses.IsPausedAsync(memberId, ct))
                presence.Abort(memberId);
            else
                await usage.TouchAsync(memberId, ct);
        }

        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PartnerService>().GenerateDueAsync(ct);
    }

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Wellbeing sweep failed; it runs again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
