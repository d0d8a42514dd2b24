using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.Server.Tests.Cluster;

/// <summary>
/// Several nodes share PostgreSQL and the Redis backplane. These tests run real processes: the
/// kill test really sends SIGKILL to a node in the middle of a stream.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class Two_node_cluster(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Message_sent_on_one_node_reaches_a_member_connected_to_the_other()
    {
        var (conversationId, senderToken, recipientToken) = await ClusterFixture.PairAsync(cluster.NodeA);
        // The token came from node A; node B accepts it because Data Protection keys live in the database.
        await using var sender = new ResilientChatClient(cluster.NodeA.BaseAddress, senderToken, conversationId);
        await using var recipient = new ResilientChatClient(cluster.NodeB.BaseAddress, recipientToken, conversationId);
        await sender.StartAsync();
        await recipient.StartAsync();

        var ack = await sender.SendAsync("across the cluster");

        await Eventually.HoldsAsync(() => recipient.Received.Any(m => m.Id == ack.MessageId));
        Assert.Equal("across the cluster", recipient.Received.Single().Text);
    }
}
