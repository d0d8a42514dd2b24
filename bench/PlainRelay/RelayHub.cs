using Microsoft.AspNetCore.SignalR;

namespace Haven.Bench.PlainRelay;

/// <summary>
/// Each connection joins the group named by its "client" query value (not "id": SignalR uses that for its connection
/// token); Send relays to the peer's group. With a <see cref="DurableLog"/> the message is stored first, and acked and
/// relayed only after its batch is committed, as Haven does.
/// </summary>
public sealed class RelayHub(DurableLog? log = null) : Hub
{
    public const string Path = "/hubs/relay";

    private static readonly object ClientKey = new();

    public override async Task OnConnectedAsync()
    {
        var id = Context.GetHttpContext()?.Request.Query["client"].ToString();
        if (!string.IsNullOrEmpty(id))
        {
            Context.Items[ClientKey] = id;
            await Groups.AddToGroupAsync(Context.ConnectionId, id);
        }

        await base.OnConnectedAsync();
    }

    public async Task<RelayAck> Send(RelayMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (log is not null)
            await log.AppendAsync(Context.Items[ClientKey] as string ?? Context.ConnectionId, message);
        await Clients.Group(message.To).SendAsync("Receive", new RelayDelivery(message.Id, message.Text));
        return new RelayAck(message.Id);
    }
}

public sealed record RelayMessage(string To, Guid Id, string Text);

public sealed record RelayDelivery(Guid Id, string Text);

public sealed record RelayAck(Guid Id);
