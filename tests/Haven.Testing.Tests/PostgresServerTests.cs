using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Haven.Testing.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Starts_accepts_queries_then_stops_and_removes_its_directory()
    {
        string rootDirectory;
        int port;
        await using (var server = new PostgresServer())
        {
            await server.StartAsync();
            rootDirectory = server.RootDirectory;
            port = server.Port;

            Assert.True(server.IsRunning);
            Assert.True(Directory.Exists(server.DataDirectory));
            Assert.Equal(1, await PostgresServer.ExecuteScalarAsync(server.AdminConnectionString, "SELECT 1"));
            var version = (string?)await PostgresServer.ExecuteScalarAsync(server.AdminConnectionString, "SHOW server_version");
            Assert.StartsWith(Path.GetFileName(Path.GetDirectoryName(server.BinDirectory)), version, StringComparison.Ordinal);
            Assert.Equal("off", await PostgresServer.ExecuteScalarAsync(server.AdminConnectionString, "SHOW fsync"));

            await server.StopAsync();
            Assert.False(server.IsRunning);
        }

        Assert.False(Directory.Exists(rootDirectory));
        await AssertPortClosedAsync(port);
    }

    [Fact]
    public void Missing_binaries_give_an_install_hint()
    {
        var emptyRoot = TestTempDirectory.Create("nopg");
        try
        {
            var failure = Assert.Throws<TestDependencyMissingException>(() => PostgresServer.FindBinDirectory(emptyRoot));

            Assert.Contains("apt-get install -y postgresql", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(emptyRoot, recursive: true);
        }
    }

    [Fact]
    public void Finds_the_installed_server_binaries()
    {
        var bin = PostgresServer.FindBinDirectory();

        Assert.True(File.Exists(Path.Combine(bin, "initdb")));
        Assert.True(File.Exists(Path.Combine(bin, "pg_ctl")));
    }

    private static async Task AssertPortClosedAsync(int port)
    {
        using var client = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }
}

/// <summary>Each database handed out is fresh and isolated from the others.</summary>
public sealed class PostgresDatabaseTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Class_fixture_database_is_usable_and_separate_from_a_second_database()
    {
        await PostgresServer.ExecuteScalarAsync(database.ConnectionString, "CREATE TABLE IF NOT EXISTS marker (id int)");
        var other = await database.CreateAnotherAsync("Other Name!");

        Assert.NotEqual(database.ConnectionString, other);
        Assert.Matches("^other_name__[0-9]+_[0-9a-f]{8}$", new NpgsqlConnectionStringBuilder(other).Database);
        Assert.Equal(1L, await PostgresServer.ExecuteScalarAsync(database.ConnectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
        Assert.Equal(0L, await PostgresServer.ExecuteScalarAsync(other, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));

        await database.Server.DropDatabaseAsync(other);
        var dbName = new NpgsqlConnectionStringBuilder(other).Database;
        Assert.Equal(0L, await PostgresServer.ExecuteScalarAsync(database.Server.AdminConnectionString, $"SELECT count(*) FROM pg_database WHERE datname = '{dbName}'"));
    }

    [Fact]
    public async Task Shared_server_is_the_same_instance_for_every_caller()
    {
        var shared = await PostgresServer.GetSharedAsync();

        Assert.Same(database.Server, shared);
        Assert.True(shared.IsRunning);
    }
}

[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>;

[Collection(PostgresCollection.Name)]
public sealed class PostgresCollectionFirstTests(PostgresServer server)
{
    [Fact]
    public async Task Collection_server_runs_and_creates_databases()
    {
        var connectionString = await server.CreateDatabaseAsync(nameof(PostgresCollectionFirstTests));

        Assert.Equal("ok", await PostgresServer.ExecuteScalarAsync(connectionString, "SELECT 'ok'"));
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresCollectionSecondTests(PostgresServer server)
{
    [Fact]
    public async Task Collection_server_is_not_the_process_wide_shared_one()
    {
        var shared = await PostgresServer.GetSharedAsync();

        Assert.NotSame(shared, server);
        Assert.NotEqual(shared.Port, server.Port);
        Assert.Equal(1, await PostgresServer.ExecuteScalarAsync(server.AdminConnectionString, "SELECT 1"));
    }
}
