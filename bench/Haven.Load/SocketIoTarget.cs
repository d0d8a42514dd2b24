using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;

namespace Haven.Load;

/// <summary>
/// bench/socketio-relay on Node (socket.io from npm, installed with npm ci into the scratch folder),
/// driven by <see cref="SocketIoClient"/>: a minimal Engine.IO v4 / socket.io v5 client over one
/// WebSocket each, so the client side costs about what SignalR's client costs.
/// </summary>
public sealed class SocketIoTarget(int messageLength, bool libraryClient = false) : LoadTarget
{
    public override string Name => "socketio";

    public override string Description => "socket.io 4 on Node: rooms per client, relay to peer room, ack (JSON); client: "
        + (libraryClient ? "SocketIOClient 3.0.6" : "Haven.Load's Engine.IO client");

    public static string MissingNodeMessage =>
        "The socket.io target needs Node.js and npm on PATH (Debian: apt-get install nodejs npm).";

    public override async Task StartAsync(BenchEnvironment environment, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var node = BenchEnvironment.FindOnPath("node") ?? throw new InvalidOperationException(MissingNodeMessage + " node was not found.");
        var npm = BenchEnvironment.FindOnPath("npm") ?? throw new InvalidOperationException(MissingNodeMessage + " npm was not found.");

        // A copy keeps the repository clean and lets npm ci install exactly the lock file's packages.
        var relay = Directory.CreateDirectory(Path.Combine(environment.ScratchDirectory, "socketio-relay")).FullName;
        foreach (var file in new[] { "package.json", "package-lock.json", "server.js" })
            File.Copy(Path.Combine(environment.SocketIoRelayDirectory, file), Path.Combine(relay, file), overwrite: true);
        await RunNpmCiAsync(npm, relay, environment.LogPath("npm-ci"), ct);

        await LaunchAsync(() =>
        {
            var port = ServerProcess.FreeLoopbackPort();
            return ServerProcess.StartAsync(node, ["server.js", port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                new Dictionary<string, string> { ["NODE_ENV"] = "production" },
                relay, environment.LogPath(Name), port, "/health", TimeSpan.FromSeconds(60), ct);
        });
    }

    private static async Task RunNpmCiAsync(string npm, string directory, string logPath, CancellationToken ct)
    {
        var info = new ProcessStartInfo(npm)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund", "--loglevel=error" })
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start npm");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await File.WriteAllTextAsync(logPath, await output + await error, ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"npm ci failed with {process.ExitCode} in {directory}; see {logPath}");
    }

    public override async Task<IReadOnlyList<ILoadClient>> ConnectPairsAsync(int pairs, LoadMeter meter, CancellationToken ct)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var clients = new ILoadClient[2 * pairs];
        await ForEachAsync(2 * pairs, 16, ct, async (i, token) =>
        {
            if (libraryClient)
            {
                var library = await SocketIoLibraryClient.ConnectAsync(Server.BaseAddress, $"{run}-{i}", $"{run}-{i ^ 1}", meter, messageLength);
                Track(library);
                clients[i] = library;
                return;
            }
            var client = await SocketIoClient.ConnectAsync(Server.BaseAddress, $"{run}-{i}", $"{run}-{i ^ 1}", meter, messageLength, token);
            Track(client);
            clients[i] = client;
        });
        return clients;
    }

    public override async Task<int> ConnectIdleAsync(int count, CancellationToken ct)
    {
        var connected = 0;
        await ForEachAsync(count, 32, ct, async (i, token) =>
        {
            try
            {
                Track(libraryClient
                    ? await SocketIoLibraryClient.ConnectAsync(Server.BaseAddress, $"idle-{i}", null, null, messageLength)
                    : await SocketIoClient.ConnectAsync(Server.BaseAddress, $"idle-{i}", null, null, messageLength, token));
                Interlocked.Increment(ref connected);
            }
            catch (Exception e) when (e is WebSocketException or IOException or TimeoutException)
            {
                // Counted as not connected.
            }
        });
        return connected;
    }
}

/// <summary>
/// Just enough of Engine.IO 4 and socket.io 5 over a WebSocket: open ("0"), namespace connect ("40"),
/// ping/pong ("2"/"3"), events with acks ("42n[...]"/"43n[...]"). Frames are written into a reused
/// buffer by one sender loop per socket (a WebSocket allows one send at a time), and parsed in place.
/// </summary>
public sealed class SocketIoClient : ILoadClient, IAsyncDisposable
{
    private const long Pong = -1;
    private const long Connect = -2;
    private static readonly byte[] TextKey = "\"text\":\""u8.ToArray();

    private readonly ClientWebSocket _socket = new();
    private readonly Channel<long> _outbox = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _peerPrefix;
    private readonly LoadMeter? _meter;
    private readonly int _length;
    private Task _sender = Task.CompletedTask;
    private Task _receiver = Task.CompletedTask;

    private SocketIoClient(string? peer, LoadMeter? meter, int length)
    {
        _peerPrefix = Encoding.ASCII.GetBytes($"[\"send\",{{\"to\":\"{peer}\",\"id\":");
        _meter = meter;
        _length = length;
    }

    public static async Task<SocketIoClient> ConnectAsync(Uri baseAddress, string id, string? peer, LoadMeter? meter, int length, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var client = new SocketIoClient(peer, meter, length);
        try
        {
            client._socket.Options.KeepAliveInterval = TimeSpan.Zero; // Engine.IO pings at its own level.
            var uri = new Uri($"ws://{baseAddress.Authority}/socket.io/?EIO=4&transport=websocket&id={Uri.EscapeDataString(id)}");
            await client._socket.ConnectAsync(uri, ct);
            client._sender = client.SendLoopAsync();
            client._receiver = client.ReceiveLoopAsync();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await client._connected.Task.WaitAsync(timeout.Token);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public void Send(long scheduled)
    {
        _meter?.Sending(scheduled, Stopwatch.GetTimestamp());
        _outbox.Writer.TryWrite(scheduled);
    }

    private async Task SendLoopAsync()
    {
        var buffer = new byte[256 + _length + _peerPrefix.Length];
        try
        {
            while (await _outbox.Reader.WaitToReadAsync(_stop.Token))
            {
                while (_outbox.Reader.TryRead(out var item))
                {
                    var n = item switch
                    {
                        Pong => Write(buffer, "3"u8),
                        Connect => Write(buffer, "40"u8),
                        _ => Event(buffer, item),
                    };
                    await _socket.SendAsync(buffer.AsMemory(0, n), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _connected.TrySetException(e);
        }
    }

    private static int Write(byte[] buffer, ReadOnlySpan<byte> frame)
    {
        frame.CopyTo(buffer);
        return frame.Length;
    }

    /// <summary>42&lt;ack&gt;["send",{"to":"peer","id":&lt;ack&gt;,"text":"…"}], the ack id being the scheduled time.</summary>
    private int Event(byte[] buffer, long scheduled)
    {
        var span = buffer.AsSpan();
        "42"u8.CopyTo(span);
        var n = 2;
        Utf8Formatter.TryFormat(scheduled, span[n..], out var written);
        n += written;
        _peerPrefix.CopyTo(span[n..]);
        n += _peerPrefix.Length;
        Utf8Formatter.TryFormat(scheduled, span[n..], out written);
        n += written;
        ",\"text\":\""u8.CopyTo(span[n..]);
        n += 9;
        n += Payload.WriteUtf8(scheduled, _length, span[n..]);
        "\"}]"u8.CopyTo(span[n..]);
        return n + 3;
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var count = 0;
            while (true)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                var result = await _socket.ReceiveAsync(buffer.AsMemory(count), _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                    break;
                count += result.Count;
                if (!result.EndOfMessage)
                    continue;
                Handle(buffer.AsSpan(0, count));
                count = 0;
            }
            _connected.TrySetException(new WebSocketException("closed by the server"));
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            _connected.TrySetException(e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Handle(ReadOnlySpan<byte> frame)
    {
        if (frame.IsEmpty)
            return;
        switch (frame[0])
        {
            case (byte)'0': // Engine.IO open: join the default namespace.
                _outbox.Writer.TryWrite(Connect);
                return;
            case (byte)'2': // Engine.IO ping.
                _outbox.Writer.TryWrite(Pong);
                return;
            case (byte)'4' when frame.Length > 1:
                break;
            default:
                return;
        }
        switch (frame[1])
        {
            case (byte)'0':
                _connected.TrySetResult();
                break;
            case (byte)'4':
                _connected.TrySetException(new InvalidOperationException("socket.io refused the connection: " + Encoding.UTF8.GetString(frame)));
                break;
            case (byte)'2' when _meter is not null:
                var at = frame.IndexOf(TextKey);
                if (at >= 0)
                    _meter.Delivered(Payload.Parse(frame[(at + TextKey.Length)..]));
                break;
            case (byte)'3' when _meter is not null:
                if (Utf8Parser.TryParse(frame[2..], out long scheduled, out _))
                    _meter.Acked(scheduled);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _outbox.Writer.TryComplete();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Closing is best effort.
        }
        await _stop.CancelAsync();
        await Task.WhenAll(_sender, _receiver);
        _socket.Dispose();
        _stop.Dispose();
    }
}
