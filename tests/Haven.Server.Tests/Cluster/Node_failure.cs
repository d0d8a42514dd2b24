using Haven.Testing;
using Haven.Testing.Server;

namespace Haven.Server.Tests.Cluster;

/// <summary>Its own cluster: this test really kills one of the two nodes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class Node_failure(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task Killing_a_node_mid_stream_loses_and_duplicates_nothing()
    {
        var (conversationId, senderToken, recipientToken) = await ClusterFixture.PairAsync(cluster.NodeA);
        await using var sender = new ResilientChatClient(cluster.Proxy.BaseAddress, senderToken, conversationId);
        await using var recipient = new ResilientChatClient(cluster.Proxy.BaseAddress, recipientToken, conversationId);
        await sender.StartAsync();
        await recipient.StartAsync();

        const int total = 120;
        var sent = Enumerable.Range(1, total).Select(i => $"message {i:D3}").ToList();
        var acks = new List<MessageAckSummary>();
        for (var i = 0; i < total; i++)
        {
            if (i == total / 3)
                cluster.NodeA.Kill(); // whichever clients were on node A must fail over to node B
            var ack = await sender.SendAsync(sent[i]);
            acks.Add(new MessageAckSummary(ack.MessageId, ack.Duplicate));
        }

        await Eventually.HoldsAsync(() => recipient.Received.Count >= total, then: recipient.CatchUpAsync);
        Assert.Equal(sent, recipient.Received.Select(m => m.Text));
        Assert.Equal(total, acks.Select(a => a.MessageId).Distinct().Count());
        Assert.Equal(acks.Select(a => a.MessageId).Order(), acks.Select(a => a.MessageId));
        Assert.True(cluster.NodeA.HasExited);
    }

    private sealed record MessageAckSummary(long MessageId, bool Duplicate);
}
