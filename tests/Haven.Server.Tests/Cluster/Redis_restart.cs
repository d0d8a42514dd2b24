using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.Server.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class Redis_restart(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task After_a_Redis_restart_clients_catch_up_from_the_database()
    {
        var (conversationId, senderToken, recipientToken) = await ClusterFixture.PairAsync(cluster.NodeA);
        await using var sender = new ResilientChatClient(cluster.NodeA.BaseAddress, senderToken, conversationId);
        await using var recipient = new ResilientChatClient(cluster.NodeB.BaseAddress, recipientToken, conversationId);
        await sender.StartAsync();
        await recipient.StartAsync();
        await sender.SendAsync("before the restart");
        await Eventually.HoldsAsync(() => recipient.Received.Count == 1);

        await cluster.Redis.StopAsync(kill: true);
        // Stored and acknowledged while the backplane is down: node B cannot be told live.
        await sender.SendAsync("while redis is down 1");
        await sender.SendAsync("while redis is down 2");
        await cluster.Redis.StartAsync();
        await sender.SendAsync("after the restart");

        // No manual catch-up here: the node asks its clients to resync when Redis is back.
        await Eventually.HoldsAsync(() => recipient.Received.Count == 4);
        Assert.Equal(["before the restart", "while redis is down 1", "while redis is down 2", "after the restart"], recipient.Received.Select(m => m.Text));
    }
}
