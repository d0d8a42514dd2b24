using System.Diagnostics;
using Haven.Load;
using Haven.Testing;
using Microsoft.Data.Sqlite;

namespace Haven.Load.Tests;

/// <summary>The durable relay (the benchmark's floor for storing) must store what it acknowledges, or it would measure nothing.</summary>
public sealed class Durable_relay_tests : IDisposable
{
    private const int Messages = 60;
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("haven-durable-relay-test-");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Durable_relay_stores_every_message_it_acknowledges_and_delivers_it(string database)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var scratch = _directory.CreateSubdirectory("scratch").FullName;
        _directory.CreateSubdirectory("logs");
        var postgres = database == "postgres"
            ? await (await PostgresServer.GetSharedAsync()).CreateDatabaseAsync("durable_relay", timeout.Token)
            : null;
        var environment = new BenchEnvironment(BenchEnvironment.FindRepoRoot(), BenchEnvironment.BuildConfiguration,
            _directory.FullName, scratch, HavenPostgres: postgres);
        var meter = new LoadMeter();
        var start = Stopwatch.GetTimestamp();
        meter.BeginWindow(start, start, long.MaxValue);

        await using (var target = new PlainRelayTarget(messageLength: 80, durable: true))
        {
            Assert.Equal("durable-relay", target.Name);
            await target.StartAsync(environment, timeout.Token);
            var clients = await target.ConnectPairsAsync(2, meter, timeout.Token);
            for (var i = 0; i < Messages; i++)
                clients[i % clients.Count].Send(Stopwatch.GetTimestamp());
            while (!meter.Settled || meter.Snapshot().Acked < Messages)
                await Task.Delay(50, timeout.Token);
        }

        var counts = meter.Snapshot();
        Assert.Equal(0, counts.Failed);
        Assert.Equal(Messages, counts.Acked);
        Assert.Equal(Messages, counts.Delivered);
        var (rows, distinct) = postgres is null
            ? await CountSqliteAsync(Path.Combine(scratch, "durable-relay.db"), timeout.Token)
            : (Convert.ToInt64(await PostgresServer.ExecuteScalarAsync(postgres, "SELECT COUNT(*) FROM relay_messages", timeout.Token)),
               Convert.ToInt64(await PostgresServer.ExecuteScalarAsync(postgres, "SELECT COUNT(DISTINCT (sender_id, client_message_id)) FROM relay_messages", timeout.Token)));
        Assert.Equal(Messages, rows);
        Assert.Equal(Messages, distinct);
    }

    private static async Task<(long Rows, long Distinct)> CountSqliteAsync(string path, CancellationToken ct)
    {
        await using var db = new SqliteConnection($"Data Source={path};Pooling=false");
        await db.OpenAsync(ct);
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*), COUNT(DISTINCT SenderId || ClientMessageId) FROM Messages";
        await using var reader = await count.ExecuteReaderAsync(ct);
        Assert.True(await reader.ReadAsync(ct));
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
