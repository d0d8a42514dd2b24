using System.Net.Http.Json;
using System.Security.Cryptography;
using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.Server.Tests.Cluster;

/// <summary>
/// Real PostgreSQL, real Redis and two Haven.Server processes configured as one cluster, plus a
/// round-robin TCP proxy in front of them (no sticky sessions).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();
    private readonly string _messageKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public RedisServer Redis { get; } = new();
    public HavenNode NodeA { get; private set; } = default!;
    public HavenNode NodeB { get; private set; } = default!;
    public TcpProxy Proxy { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await Redis.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Haven:Database:Provider"] = "Postgres",
            ["Haven:Database:ConnectionString"] = _database.ConnectionString,
            ["Haven:Redis:Configuration"] = Redis.ConnectionString,
            ["Haven:Redis:ChannelPrefix"] = "haven-test",
            ["Haven:Encryption:MessageKey"] = _messageKey,
            ["Haven:Accounts:AuthRequestsPerMinute"] = "10000",
            ["Haven:Chat:MessagesPerSecond"] = "10000",
            ["Haven:Chat:MessageBurst"] = "10000",
        };
        // One after the other: both would race to create the schema otherwise.
        NodeA = await HavenNode.StartAsync(settings);
        NodeB = await HavenNode.StartAsync(settings);
        Proxy = new TcpProxy([NodeA.Port, NodeB.Port]);
    }

    public async Task DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await NodeA.DisposeAsync();
        await NodeB.DisposeAsync();
        await Redis.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>Two members who accepted each other, registered through the given node.</summary>
    public static async Task<(Guid ConversationId, string SenderToken, string RecipientToken)> PairAsync(HavenNode node)
    {
        var sender = await node.RegisterAsync("sender" + HavenApp.RandomLetters(8));
        var recipient = await node.RegisterAsync("recipient" + HavenApp.RandomLetters(8));
        using var senderHttp = new HttpClient { BaseAddress = node.BaseAddress };
        senderHttp.DefaultRequestHeaders.Authorization = new("Bearer", sender.Token);
        using var recipientHttp = new HttpClient { BaseAddress = node.BaseAddress };
        recipientHttp.DefaultRequestHeaders.Authorization = new("Bearer", recipient.Token);
        var request = await (await senderHttp.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = recipient.Id })).Content.ReadFromJsonAsync<RequestDto>();
        var accepted = await (await recipientHttp.PostAsync($"/api/contacts/requests/{request!.Id}/accept", null)).Content.ReadFromJsonAsync<RequestDto>();
        return (accepted!.ConversationId!.Value, sender.Token, recipient.Token);
    }
}
