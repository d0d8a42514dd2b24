using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Haven.Server.Chat;
using Haven.Server.Presence;
using Haven.Server.Security;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Haven.Server.Tests.Cluster;

/// <summary>Two in-process Havens sharing one PostgreSQL database and one Redis, as two nodes would.</summary>
public sealed class SharedStateFixture : IAsyncLifetime
{
    public const int Burst = 5;

    private readonly PostgresDatabase _database = new();

    public RedisServer Redis { get; } = new();
    public HavenApp NodeA { get; private set; } = default!;
    public HavenApp NodeB { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        await Redis.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Haven:Redis:Configuration"] = Redis.ConnectionString,
            ["Haven:Redis:ChannelPrefix"] = "shared-" + HavenApp.RandomLetters(6),
            ["Haven:Encryption:MessageKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Haven:Chat:MessagesPerSecond"] = "1",
            ["Haven:Chat:MessageBurst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        // One after the other: both would race to create the schema otherwise.
        NodeA = new HavenApp("Postgres", _database.ConnectionString, settings).Start();
        NodeB = new HavenApp("Postgres", _database.ConnectionString, settings).Start();
    }

    public async Task DisposeAsync()
    {
        await NodeB.DisposeAsync();
        await NodeA.DisposeAsync();
        await Redis.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>The same member, talking to node B with the token node A issued.</summary>
    public TestMember OnNodeB(TestMember member)
    {
        var client = NodeB.NewClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);
        return member with { Http = client };
    }
}

/// <summary>
/// What one node decides, every node enforces at once: the caches that keep the message path fast are
/// evicted across nodes through Redis, and rate limits and presence live there.
/// </summary>
public sealed class Shared_state_across_nodes(SharedStateFixture nodes) : IClassFixture<SharedStateFixture>
{
    [Fact]
    public async Task Reverification_required_on_one_node_stops_sending_on_the_other_at_once()
    {
        var (ayu, _, conversationId) = await PairAsync();
        await using var hub = await nodes.NodeA.ConnectHubAsync(ayu);
        await SendAsync(hub, conversationId, "hello"); // node A now holds "ayu is verified" in its cache

        var moderator = nodes.OnNodeB(await nodes.NodeA.MakeModeratorAsync(await nodes.NodeA.RegisterAsync()));
        var required = await moderator.Http.PostAsync($"/api/moderation/age/members/{ayu.Id}/reverify", null);
        Assert.True(required.IsSuccessStatusCode);

        await AssertSoonRefusedAsync(hub, conversationId, "AgeNotVerified");
    }

    [Fact]
    public async Task Blocking_on_one_node_closes_the_conversation_on_the_other_at_once()
    {
        var (ayu, ben, conversationId) = await PairAsync();
        await using var hub = await nodes.NodeA.ConnectHubAsync(ayu);
        await SendAsync(hub, conversationId, "hello");

        var blocked = await nodes.OnNodeB(ben).Http.PostAsJsonAsync("/api/contacts/blocks", new { memberId = ayu.Id });
        Assert.True(blocked.IsSuccessStatusCode, $"{(int)blocked.StatusCode}");

        await AssertSoonRefusedAsync(hub, conversationId, "ConversationClosed");
    }

    [Fact]
    public async Task A_pause_started_on_one_node_stops_hub_calls_on_the_other_at_once()
    {
        var (ayu, _, conversationId) = await PairAsync();
        await using var hub = await nodes.NodeA.ConnectHubAsync(ayu);
        await SendAsync(hub, conversationId, "hello");

        var paused = await nodes.OnNodeB(ayu).Http.PostAsJsonAsync("/api/wellbeing/pauses", new { kind = "TimeOut", hours = 24 });
        Assert.True(paused.IsSuccessStatusCode, $"{(int)paused.StatusCode} {await paused.Content.ReadAsStringAsync()}");

        await AssertSoonRefusedAsync(hub, conversationId, "Paused");
    }

    [Fact]
    public async Task Signing_a_device_out_on_one_node_ends_its_session_on_the_other_at_once()
    {
        var (ayu, _, conversationId) = await PairAsync();
        var phoneToken = await nodes.NodeA.SignInAsync(ayu.Email, ayu.Password);
        var phoneHttp = nodes.NodeA.NewClient();
        phoneHttp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", phoneToken);
        var phone = ayu with { Token = phoneToken, Http = phoneHttp };
        await using var hub = await nodes.NodeA.ConnectHubAsync(phone);
        await SendAsync(hub, conversationId, "from my phone"); // node A now holds "this session is active" in its cache

        var laptopOnB = nodes.OnNodeB(ayu);
        var sessions = await laptopOnB.Http.GetFromJsonAsync<List<SessionView>>("/api/accounts/security/sessions");
        var phoneSession = Assert.Single(sessions!, s => !s.Current);
        Assert.Equal(HttpStatusCode.NoContent, (await laptopOnB.Http.DeleteAsync($"/api/accounts/security/sessions/{phoneSession.Id}")).StatusCode);

        await AssertSoonRefusedAsync(hub, conversationId, "SessionEnded");
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.Http.GetAsync("/api/accounts/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ayu.Http.GetAsync("/api/accounts/me")).StatusCode);
    }

    [Fact]
    public async Task The_send_rate_limit_is_shared_by_all_nodes()
    {
        var (ayu, _, conversationId) = await PairAsync();
        await using var onA = await nodes.NodeA.ConnectHubAsync(ayu);
        await using var onB = await nodes.NodeB.ConnectHubAsync(ayu);

        // Alternating nodes: each node alone would allow a full burst, so per-node limits would accept all of these.
        var accepted = 0;
        var slowedDown = 0;
        for (var i = 0; i < 2 * SharedStateFixture.Burst; i++)
        {
            try
            {
                await SendAsync(i % 2 == 0 ? onA : onB, conversationId, $"message {i}");
                accepted++;
            }
            catch (HubException e) when (e.Message.Contains("SlowDown", StringComparison.Ordinal))
            {
                slowedDown++;
            }
        }

        Assert.True(slowedDown > 0, $"accepted {accepted} of {2 * SharedStateFixture.Burst} across two nodes");
        Assert.True(accepted < 2 * SharedStateFixture.Burst);
    }

    [Fact]
    public async Task Presence_is_the_same_seen_from_either_node_and_changes_are_pushed_across_nodes()
    {
        var (ayu, ben, _) = await PairAsync();
        await using var ayuHub = await nodes.NodeA.ConnectHubAsync(ayu);
        var notices = new ConcurrentQueue<PresenceNotice>();
        ayuHub.On<PresenceNotice>(nameof(IChatClient.PresenceChanged), notices.Enqueue);
        Assert.DoesNotContain(ben.Id, await OnlineAsync(ayu));

        var benHub = await nodes.NodeB.ConnectHubAsync(ben);
        await Eventually.HoldsAsync(() => notices.Any(n => n.MemberId == ben.Id && n.Online));
        Assert.Contains(ben.Id, await OnlineAsync(ayu));
        Assert.Contains(ben.Id, await OnlineAsync(nodes.OnNodeB(ayu)));
        Assert.Contains(ayu.Id, await OnlineAsync(nodes.OnNodeB(ben)));

        await benHub.DisposeAsync();
        await Eventually.HoldsAsync(() => notices.Any(n => n.MemberId == ben.Id && !n.Online));
        Assert.DoesNotContain(ben.Id, await OnlineAsync(ayu));
    }

    [Fact]
    public async Task Presence_is_not_shown_to_strangers_or_across_a_block()
    {
        var (ayu, ben, _) = await PairAsync();
        var stranger = await nodes.NodeA.RegisterAsync();
        await using var benHub = await nodes.NodeB.ConnectHubAsync(ben);
        await Eventually.HoldsAsync(async () => (await OnlineAsync(ayu)).Contains(ben.Id));

        Assert.Empty(await OnlineAsync(stranger));
        var blocked = await ayu.Http.PostAsJsonAsync("/api/contacts/blocks", new { memberId = ben.Id });
        Assert.True(blocked.IsSuccessStatusCode);
        Assert.DoesNotContain(ben.Id, await OnlineAsync(ayu));
        await using var ayuHub = await nodes.NodeA.ConnectHubAsync(ayu);
        Assert.DoesNotContain(ayu.Id, await OnlineAsync(nodes.OnNodeB(ben)));
    }

    private async Task<(TestMember Ayu, TestMember Ben, Guid ConversationId)> PairAsync()
    {
        var ayu = await nodes.NodeA.RegisterAsync();
        var ben = await nodes.NodeA.RegisterAsync();
        return (ayu, ben, await HavenApp.ConnectAsync(ayu, ben));
    }

    private static async Task<IReadOnlyList<Guid>> OnlineAsync(TestMember member) =>
        (await member.Http.GetFromJsonAsync<PresenceView>("/api/presence"))!.Online;

    private static Task<MessageAck> SendAsync(HubConnection hub, Guid conversationId, string text) =>
        hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), text));

    /// <summary>The other node's eviction travels through Redis: the very next sends must be refused soon after.</summary>
    private static async Task AssertSoonRefusedAsync(HubConnection hub, Guid conversationId, string code)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await SendAsync(hub, conversationId, "still there?");
            }
            catch (HubException e)
            {
                HubErrors.AssertCode(code, e);
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still accepted 30 s later; expected {code}.");
            await Task.Delay(50);
        }
    }
}
