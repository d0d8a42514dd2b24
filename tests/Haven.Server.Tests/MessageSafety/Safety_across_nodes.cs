using Haven.Safety.Policy;
using Haven.Server.Chat;
using Haven.Server.MessageSafety;
using Haven.Server.Tests.Cluster;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.MessageSafety;

/// <summary>Two members on two nodes still build one conversation risk state.</summary>
public sealed class Safety_across_nodes(SharedStateFixture nodes) : IClassFixture<SharedStateFixture>
{
    [Fact]
    public async Task Grooming_spread_over_two_nodes_opens_a_top_priority_case()
    {
        var adult = await nodes.NodeA.RegisterAsync();
        var teen = await nodes.NodeA.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(adult, teen);
        await using var adultHub = await nodes.NodeA.ConnectHubAsync(adult);
        await using var teenHub = await nodes.NodeB.ConnectHubAsync(teen);

        await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "hi! how old are you?"));
        await teenHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "15, why?"));
        await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "send me a photo of you?"));
        var error = await Assert.ThrowsAsync<HubException>(() =>
            adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "let's meet up sometime")));

        HubErrors.AssertCode(SafetyMessageGate.BlockedCode, error);
        var opened = await nodes.NodeB.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.SubjectMemberId == adult.Id));
        Assert.Equal(CasePriority.Critical, opened.Priority);
    }
}
