using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Haven.Server.Chat;

/// <summary>Per-member token bucket for hub sends (HTTP rate limiting does not see hub invocations).</summary>
public sealed class MessageRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;

    public MessageRateLimiter(IOptions<ChatOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(memberId => RateLimitPartition.GetTokenBucketLimiter(memberId,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.MessageBurst,
                TokensPerPeriod = o.MessagesPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public RateLimitLease Acquire(Guid memberId) => _limiter.AttemptAcquire(memberId);

    public void Dispose() => _limiter.Dispose();
}
