using Haven.Testing.Server;

namespace Haven.Server.Tests.Cluster;

/// <summary>
/// Several nodes share PostgreSQL and the Redis backplane. These tests run real processes: the
/// kill test really sends SIGKILL to a node in the middle of a stream.
/// </summary>
[Collection(nameof(Two_node_cluster))]
[CollectionDefinition(nameof(Two_node_cluster), DisableParallelization = true)]
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

        await Eventually(() => recipient.Received.Any(m => m.Id == ack.MessageId));
        Assert.Equal("across the cluster", recipient.Received.Single().Text);
    }

    /// <summary>Waits for an asynchronous outcome (delivery across processes), bounded so a bug fails rather than hangs.</summary>
    internal static async Task Eventually(Func<bool> condition, Func<Task>? then = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The expected state was not reached within 60 s.");
            if (then is not null)
                await then();
            await Task.Delay(100);
        }
    }
}
