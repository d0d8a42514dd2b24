namespace Haven.Server.Cluster;

public sealed class ClusterOptions
{
    public const string Section = "Haven:Redis";

    /// <summary>
    /// StackExchange.Redis configuration ("host:port,password=…"). When set, nodes share the SignalR
    /// backplane, presence and rate limits through Redis; when empty Haven runs as one node in-process.
    /// </summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix for every Redis channel and key, so several Havens can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "haven";
}
