using System.Net;
using System.Net.Sockets;

namespace Haven.Testing.Server;

/// <summary>
/// A round-robin TCP load balancer on loopback, without sticky sessions: each new connection goes
/// to the next backend that accepts it. When a node dies, reconnecting clients land on a live one.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IReadOnlyList<int> _backends;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _acceptLoop;
    private int _next;

    public TcpProxy(IReadOnlyList<int> backendPorts)
    {
        _backends = backendPorts;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        {
            using var backend = await ConnectToLiveBackendAsync();
            if (backend is null)
                return;
            var clientStream = client.GetStream();
            var backendStream = backend.GetStream();
            using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(clientStream, backendStream, done.Token);
            var down = PumpAsync(backendStream, clientStream, done.Token);
            await Task.WhenAny(up, down);
            // Either side closing (or a killed node resetting) ends the whole connection, like a real proxy.
            await done.CancelAsync();
        }
    }

    private async Task<TcpClient?> ConnectToLiveBackendAsync()
    {
        for (var attempt = 0; attempt < _backends.Count; attempt++)
        {
            var port = _backends[(int)((uint)Interlocked.Increment(ref _next) % (uint)_backends.Count)];
            var backend = new TcpClient();
            try
            {
                await backend.ConnectAsync(IPAddress.Loopback, port, _stop.Token);
                return backend;
            }
            catch (SocketException)
            {
                backend.Dispose();
            }
        }

        return null;
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
                await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The connection ended; the caller tears down both directions.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
