using Haven.Server.Audit;
using Microsoft.Extensions.Options;

namespace Haven.Server.Media;

/// <summary>
/// Loads the hash list files named in configuration at start-up (after migrations, which are
/// registered first), so an operator can ship lists without calling the admin endpoint.
/// </summary>
public sealed partial class HashListLoader(IServiceScopeFactory scopes, IOptions<MediaOptions> options, IHostEnvironment environment, ILogger<HashListLoader> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var file in options.Value.HashLists)
        {
            var path = Path.IsPathRooted(file.Path) ? file.Path : Path.Combine(environment.ContentRootPath, file.Path);
            if (!File.Exists(path))
            {
                LogMissing(logger, path);
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            var media = scope.ServiceProvider.GetRequiredService<MediaService>();
            var result = await media.ImportAsync(file.Kind, await File.ReadAllLinesAsync(path, cancellationToken), file.Source, AuditEvent.System("hash-list-loader"), cancellationToken);
            LogLoaded(logger, result.Added, file.Kind, result.Invalid);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Configured hash list file {Path} does not exist")]
    private static partial void LogMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "Loaded {Added} new hashes into the {List} list ({Invalid} invalid lines)")]
    private static partial void LogLoaded(ILogger logger, int added, HashListKind list, int invalid);
}
