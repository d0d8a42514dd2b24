using System.Net;
using System.Net.Sockets;

namespace Haven.Testing.Tests;

public sealed class FreePortTests
{
    [Fact]
    public void Hands_out_distinct_bindable_ports()
    {
        var ports = Enumerable.Range(0, 20).Select(_ => FreePort.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[0]);
        listener.Start();
        Assert.Equal(ports[0], ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
