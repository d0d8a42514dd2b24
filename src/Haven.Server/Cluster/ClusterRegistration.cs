using Haven.Server.Chat;
using Haven.Server.Data;
using Haven.Server.Wellbeing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using StackExchange.Redis;

namespace Haven.Server.Cluster;

public static partial class ClusterRegistration
{
    /// <summary>
    /// What several nodes need to act as one: Data Protection keys in the shared database (always,
    /// so a restart keeps everyone signed in) and, with Redis configured, the SignalR backplane.
    /// </summary>
    public static IServiceCollection AddCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection().SetApplicationName("Haven").PersistKeysToDbContext<HavenDbContext>();

        var options = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        services.AddSingleton<ClusterBus>();
        services.AddHostedService(sp => sp.GetRequiredService<ClusterBus>());
        services.AddSingleton<FactCache>();
        if (string.IsNullOrWhiteSpace(options.Configuration))
            return services;

        services.AddSingleton<BackplaneEvents>();
        services.AddSignalR().AddStackExchangeRedis(redis =>
        {
            redis.Configuration = ConfigurationOptions.Parse(options.Configuration);
            redis.Configuration.AbortOnConnectFail = false;
            redis.Configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix);
        });
        services.AddOptions<RedisOptions>().Configure<BackplaneEvents>((redis, events) =>
            redis.ConnectionFactory = async writer =>
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(redis.Configuration, writer);
                connection.ConnectionRestored += (_, _) => events.OnRestored();
                return connection;
            });
        services.AddHostedService<ResyncOnBackplaneRestore>();
        return services;
    }

    /// <summary>Tells this node when the backplane's Redis connection comes back after a failure.</summary>
    private sealed class BackplaneEvents
    {
        public event Action? Restored;

        public void OnRestored() => Restored?.Invoke();
    }

    /// <summary>
    /// While Redis was away, messages were stored but not fanned out across nodes. When it is back, every client
    /// is told to fetch what it missed from the database (since the last id it saw): through the backplane for the
    /// other nodes' clients (messages this node could not fan out), and directly to this node's own clients, again
    /// a little later, because the restore event can come before this node's subscriptions are renewed, and a
    /// resync another node publishes in that gap never arrives here.
    /// </summary>
    private sealed partial class ResyncOnBackplaneRestore(BackplaneEvents events, HubPresence local, IHubContext<ChatHub, IChatClient> hub, ILogger<ResyncOnBackplaneRestore> logger) : IHostedService
    {
        private static readonly TimeSpan SecondLocalResync = TimeSpan.FromSeconds(3);

        public Task StartAsync(CancellationToken cancellationToken)
        {
            events.Restored += OnRestored;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            events.Restored -= OnRestored;
            return Task.CompletedTask;
        }

        private void OnRestored()
        {
            LogRestored(logger);
            _ = NotifyAsync();
        }

        private async Task NotifyAsync()
        {
            try
            {
                await ResyncLocalAsync();
                await hub.Clients.All.Resync();
                await Task.Delay(SecondLocalResync);
                await ResyncLocalAsync();
            }
            catch (Exception exception) when (exception is RedisException or InvalidOperationException or TimeoutException)
            {
                LogResyncFailed(logger, exception);
            }
        }

        /// <summary>One connection at a time: the backplane writes a single local connection directly, not through Redis.</summary>
        private Task ResyncLocalAsync() => Task.WhenAll(local.ConnectionIds().Select(id => hub.Clients.Client(id).Resync()));

        [LoggerMessage(Level = LogLevel.Information, Message = "Backplane connection restored; asking clients to resync.")]
        private static partial void LogRestored(ILogger logger);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not ask clients to resync.")]
        private static partial void LogResyncFailed(ILogger logger, Exception exception);
    }
}
