using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Chat;

public sealed class ChatOptions
{
    public const string Section = "Haven:Chat";

    [Range(1, 100_000)]
    public int MaxMessageLength { get; set; } = 4000;

    /// <summary>Messages a member may send per second on average (token bucket refill).</summary>
    [Range(1, 100_000)]
    public int MessagesPerSecond { get; set; } = 5;

    /// <summary>Short bursts above the average rate.</summary>
    [Range(1, 100_000)]
    public int MessageBurst { get; set; } = 20;

    [Range(1, 500)]
    public int MaxHistoryPage { get; set; } = 100;

    /// <summary>Messages waiting to be written; beyond this senders are told to retry (bounded memory).</summary>
    [Range(1, 1_000_000)]
    public int WriteQueueCapacity { get; set; } = 10_000;

    /// <summary>Most messages committed in one transaction.</summary>
    [Range(1, 10_000)]
    public int WriteBatchSize { get; set; } = 256;
}
