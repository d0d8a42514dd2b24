using System.Threading.RateLimiting;
using Haven.Server.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Haven.Server.Chat;

/// <summary>
/// Per-member token bucket for hub sends (HTTP rate limiting does not see hub invocations). With several
/// nodes the bucket lives in Redis, so a member cannot multiply their rate by reaching several nodes; if
/// Redis is unreachable each node falls back to its own bucket rather than refusing everyone.
/// </summary>
public sealed partial class MessageRateLimiter : IDisposable
{
    // Refill by elapsed time, take one token if there is one; Redis's own clock, so nodes' clocks don't matter.
    private const string TokenBucket = """
        local now = redis.call('TIME')
        local ms = now[1] * 1000 + math.floor(now[2] / 1000)
        local rate = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local state = redis.call('HMGET', KEYS[1], 't', 'ts')
        local tokens = tonumber(state[1]) or burst
        local last = tonumber(state[2]) or ms
        tokens = math.min(burst, tokens + (ms - last) * rate / 1000)
        local allowed = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        end
        redis.call('HSET', KEYS[1], 't', tostring(tokens), 'ts', tostring(ms))
        redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
        return allowed
        """;

    private readonly PartitionedRateLimiter<Guid> _local;
    private readonly ChatOptions _options;
    private readonly ClusterBus _cluster;
    private readonly ILogger<MessageRateLimiter> _logger;

    public MessageRateLimiter(IOptions<ChatOptions> options, ClusterBus cluster, ILogger<MessageRateLimiter> logger)
    {
        _options = options.Value;
        _cluster = cluster;
        _logger = logger;
        _local = PartitionedRateLimiter.Create<Guid, Guid>(memberId => RateLimitPartition.GetTokenBucketLimiter(memberId,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = _options.MessageBurst,
                TokensPerPeriod = _options.MessagesPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public async ValueTask<bool> TryAcquireAsync(Guid memberId)
    {
        if (_cluster.Redis is { IsConnected: true } redis)
        {
            try
            {
                var allowed = await redis.GetDatabase().ScriptEvaluateAsync(TokenBucket,
                    [_cluster.Key($"rate:{memberId}")], [_options.MessagesPerSecond, _options.MessageBurst]);
                return (int)allowed == 1;
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                LogSharedLimitUnavailable(_logger, exception);
            }
        }

        using var lease = _local.AttemptAcquire(memberId);
        return lease.IsAcquired;
    }

    public void Dispose() => _local.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared rate limit unavailable; using this node's own limit.")]
    private static partial void LogSharedLimitUnavailable(ILogger logger, Exception exception);
}
