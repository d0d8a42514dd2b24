using System.Text.Json.Serialization;
using SocketIOClient;

namespace Haven.Load;

/// <summary>
/// The socket.io target driven by the SocketIOClient NuGet package instead of <see cref="SocketIoClient"/>
/// (<c>--socketio-client library</c>), to check that the hand-written client is not what limits socket.io.
/// </summary>
public sealed class SocketIoLibraryClient : ILoadClient, IAsyncDisposable
{
    private readonly SocketIO _client;
    private readonly string? _peer;
    private readonly LoadMeter? _meter;
    private readonly int _length;

    private SocketIoLibraryClient(SocketIO client, string? peer, LoadMeter? meter, int length)
    {
        _client = client;
        _peer = peer;
        _meter = meter;
        _length = length;
    }

    public static async Task<SocketIoLibraryClient> ConnectAsync(Uri baseAddress, string id, string? peer, LoadMeter? meter, int length)
    {
        var socket = new SocketIO(baseAddress, new SocketIOOptions
        {
            Transport = SocketIOClient.Transport.TransportProtocol.WebSocket,
            AutoUpgrade = false,
            Reconnection = false,
            Query = [new KeyValuePair<string, string>("id", id)],
        });
        var client = new SocketIoLibraryClient(socket, peer, meter, length);
        if (meter is not null)
            socket.On("msg", response => meter.Delivered(Payload.Parse(response.GetValue<SocketIoDelivery>().Text)));
        // ConnectAsync returns before the namespace is joined; OnConnected says when it is.
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        socket.OnConnected += (_, _) => connected.TrySetResult();
        socket.OnError += (_, error) => connected.TrySetException(new IOException($"SocketIOClient could not connect to {baseAddress}: {error}"));
        try
        {
            await socket.ConnectAsync();
            await connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return client;
    }

    public void Send(long scheduled)
    {
        _meter?.Sending(scheduled, System.Diagnostics.Stopwatch.GetTimestamp());
        _ = EmitAsync(scheduled);
    }

    private async Task EmitAsync(long scheduled)
    {
        try
        {
            await _client.EmitAsync("send", _ => _meter?.Acked(scheduled), new SocketIoSend(_peer ?? "", scheduled, Payload.Text(scheduled, _length)));
        }
        catch (Exception e)
        {
            _meter?.Failed(scheduled, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisconnectAsync();
        _client.Dispose();
    }
}

public sealed record SocketIoSend([property: JsonPropertyName("to")] string To, [property: JsonPropertyName("id")] long Id, [property: JsonPropertyName("text")] string Text);

public sealed record SocketIoDelivery([property: JsonPropertyName("id")] long Id, [property: JsonPropertyName("text")] string Text);
