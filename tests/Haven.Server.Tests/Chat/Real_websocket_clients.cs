using Haven.Server.Chat;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR.Client;

namespace Haven.Server.Tests.Chat;

/// <summary>Two SignalR clients over real WebSockets to Kestrel on loopback, in both hub protocols.</summary>
public sealed class Real_websocket_clients(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [Theory]
    [InlineData(HubProtocol.Json)]
    [InlineData(HubProtocol.MessagePack)]
    public async Task Two_clients_exchange_messages_in_order(HubProtocol protocol)
    {
        var app = fixture.App;
        var ayu = await app.RegisterAsync();
        var ben = await app.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var ayuHub = await app.ConnectHubAsync(ayu, protocol);
        await using var ayuLaptop = await app.ConnectHubAsync(ayu, protocol);
        await using var benHub = await app.ConnectHubAsync(ben, protocol);
        var ayuInbox = new HubInbox(ayuHub);
        var laptopInbox = new HubInbox(ayuLaptop);
        var benInbox = new HubInbox(benHub);

        for (var i = 0; i < 5; i++)
        {
            await ayuHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), $"from ayu {i}"));
            await benHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), $"from ben {i}"));
        }

        var benSaw = new List<string>();
        var ayuSaw = new List<string>();
        var laptopSaw = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            benSaw.Add((await benInbox.NextMessageAsync()).Text);
            ayuSaw.Add((await ayuInbox.NextMessageAsync()).Text);
        }

        for (var i = 0; i < 10; i++)
            laptopSaw.Add((await laptopInbox.NextMessageAsync()).Text);

        // Each side gets the other's messages; the sending connection has its ack, the sender's other device everything.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"from ayu {i}"), benSaw);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"from ben {i}"), ayuSaw);
        Assert.Equal(Enumerable.Range(0, 5).SelectMany(i => new[] { $"from ayu {i}", $"from ben {i}" }), laptopSaw);
        Assert.False(await ayuInbox.AnyMessageWithinAsync(TimeSpan.FromMilliseconds(300)));
        Assert.False(await benInbox.AnyMessageWithinAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(HubConnectionState.Connected, ayuHub.State);
    }

    [Fact]
    public async Task Hub_refuses_connections_without_a_token()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(fixture.App.BaseAddress, "/hubs/chat"), Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .Build();
        await using var _ = connection;
        await Assert.ThrowsAnyAsync<Exception>(() => connection.StartAsync());
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }
}
