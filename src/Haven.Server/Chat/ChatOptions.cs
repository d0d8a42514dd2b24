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
}
