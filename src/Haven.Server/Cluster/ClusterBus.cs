using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Haven.Server.Cluster;

/// <summary>
/// The nodes' shared Redis connection for what the SignalR backplane does not carry: cache evictions, presence
/// and rate limits. Without Redis configured Haven is one node and <see cref="Redis"/> is null.
/// </summary>
public sealed partial class ClusterBus : IHostedService, IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly ILogger<ClusterBus> _logger;
    private readonly Lazy<FactCache> _facts;
    private readonly RedisChannel _evictions;

    public ClusterBus(IOptions<ClusterOptions> options, IServiceProvider services, ILogger<ClusterBus> logger)
    {
        _options = options.Value;
        _logger = logger;
        _facts = new Lazy<FactCache>(services.GetRequiredService<FactCache>);
        _evictions = RedisChannel.Literal($"{_options.ChannelPrefix}:evict");
        NodeId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";
    }

    /// <summary>This process, as other nodes see it (presence entries name their node).</summary>
    public string NodeId { get; }

    public IConnectionMultiplexer? Redis { get; private set; }

    /// <summary>Redis key for a Haven-wide name, under the configured prefix.</summary>
    public RedisKey Key(string name) => $"{_options.ChannelPrefix}:{name}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(_options.Configuration))
            return;
        var configuration = ConfigurationOptions.Parse(_options.Configuration);
        configuration.AbortOnConnectFail = false;
        var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        redis.ConnectionRestored += (_, _) => _facts.Value.Clear();
        await redis.GetSubscriber().SubscribeAsync(_evictions, (_, key) =>
        {
            if (!key.IsNullOrEmpty)
                _facts.Value.EvictLocal(key!);
        });
        Redis = redis;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal void PublishEvictions(string[] keys)
    {
        if (Redis is not { } redis)
            return;
        var subscriber = redis.GetSubscriber();
        foreach (var key in keys)
        {
            // Fire and forget: a lost eviction is bounded by the cache lifetime, and the caller's change is already saved.
            _ = subscriber.PublishAsync(_evictions, key, CommandFlags.FireAndForget).ContinueWith(
                t => LogEvictionFailed(_logger, t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Redis is { } redis)
            await redis.DisposeAsync();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell other nodes about a changed fact.")]
    private static partial void LogEvictionFailed(ILogger logger, Exception exception);
}
