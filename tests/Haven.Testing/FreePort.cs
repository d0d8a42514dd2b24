using System.Net;
using System.Net.Sockets;

namespace Haven.Testing;

/// <summary>Hands out free TCP ports on the loopback interface.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Handed = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// Returns a port that was free on 127.0.0.1 a moment ago and has not been handed out before
    /// by this process. Another process may still take it before the caller binds it, so servers
    /// started on it should retry with a new port when the bind fails.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Gate)
            {
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("Could not find a free loopback TCP port after 100 attempts.");
    }
}
