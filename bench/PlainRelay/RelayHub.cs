using Microsoft.AspNetCore.SignalR;

namespace Haven.Bench.PlainRelay;

/// <summary>Each connection joins the group named by its "client" query value (not "id": SignalR uses that for its connection token); Send relays to the peer's group.</summary>
public sealed class RelayHub : Hub
{
    public const string Path = "/hubs/relay";

    public override async Task OnConnectedAsync()
    {
        var id = Context.GetHttpContext()?.Request.Query["client"].ToString();
        if (!string.IsNullOrEmpty(id))
            await Groups.AddToGroupAsync(Context.ConnectionId, id);
        await base.OnConnectedAsync();
    }

    public async Task<RelayAck> Send(RelayMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        await Clients.Group(message.To).SendAsync("Receive", new RelayDelivery(message.Id, message.Text));
        return new RelayAck(message.Id);
    }
}

public sealed record RelayMessage(string To, Guid Id, string Text);

public sealed record RelayDelivery(Guid Id, string Text);

public sealed record RelayAck(Guid Id);
