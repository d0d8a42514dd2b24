using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Data;

/// <summary>
/// Applies the provider's migrations before the server starts listening, then, once every hosted
/// service has started (seeders may need the message writer), lets features that registered an
/// <see cref="IStartupSeeder"/> (roles, demo data) run.
/// </summary>
internal sealed partial class DatabaseMigrator(
    IServiceProvider services,
    IOptions<DatabaseOptions> options,
    ILogger<DatabaseMigrator> logger) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HavenDbContext>();
        if (options.Value.MigrateOnStartup)
        {
            if (db.Database.IsSqlite())
            {
                // WAL lets readers proceed while the writer commits; it is a property of the file, set once.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }

            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, options.Value.Provider);
        }
    }

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IStartupSeeder>())
            await seeder.SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider}).")]
    private static partial void LogMigrated(ILogger logger, string provider);
}

/// <summary>Runs once after migrations at start-up.</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
