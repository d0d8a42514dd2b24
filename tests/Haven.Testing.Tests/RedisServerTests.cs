using System.Net;
using System.Net.Sockets;

namespace Haven.Testing.Tests;

public sealed class RedisServerTests
{
    [Fact]
    public async Task Starts_answers_ping_and_stores_values()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();

        Assert.True(redis.IsRunning);
        Assert.True(await redis.PingAsync());
        Assert.Equal($"127.0.0.1:{redis.Port}", redis.ConnectionString);
        Assert.Equal("OK", await redis.SendCommandAsync(["SET", "greeting", "halo dunia"]));
        Assert.Equal("halo dunia", await redis.SendCommandAsync(["GET", "greeting"]));
        Assert.Null(await redis.SendCommandAsync(["GET", "absent"]));
        Assert.Equal("2", await redis.SendCommandAsync(["RPUSH", "list", "a", "b"]));
        Assert.Equal("a\nb", await redis.SendCommandAsync(["LRANGE", "list", "0", "-1"]));
        Assert.StartsWith("ERR:", await redis.SendCommandAsync(["NOSUCHCOMMAND"]), StringComparison.Ordinal);
        Assert.Equal("save\n", await redis.SendCommandAsync(["CONFIG", "GET", "save"]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Restarts_on_the_same_port_with_empty_data(bool kill)
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var port = redis.Port;
        await redis.SendCommandAsync(["SET", "key", "value"]);

        await redis.StopAsync(kill);

        Assert.False(redis.IsRunning);
        Assert.False(await redis.PingAsync());
        await AssertPortClosedAsync(port);

        await redis.StartAsync();

        Assert.Equal(port, redis.Port);
        Assert.True(await redis.PingAsync());
        Assert.Null(await redis.SendCommandAsync(["GET", "key"]));
    }

    [Fact]
    public async Task RestartAsync_brings_the_server_back()
    {
        await using var redis = new RedisServer();
        await redis.StartAsync();
        var port = redis.Port;

        await redis.RestartAsync();

        Assert.Equal(port, redis.Port);
        Assert.True(await redis.PingAsync());
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_removes_its_directory()
    {
        var redis = new RedisServer();
        await redis.StartAsync();
        var port = redis.Port;
        var directory = redis.WorkingDirectory;
        Assert.NotNull(directory);
        Assert.True(File.Exists(Path.Combine(directory, "redis.pid")));

        await redis.DisposeAsync();

        Assert.False(redis.IsRunning);
        Assert.False(Directory.Exists(directory));
        await AssertPortClosedAsync(port);
    }

    private static async Task AssertPortClosedAsync(int port)
    {
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }
}
