using System.Diagnostics;
using Haven.Load;
using Microsoft.Data.Sqlite;

namespace Haven.Load.Tests;

/// <summary>The durable relay (the benchmark's floor for storing) must store what it acknowledges, or it would measure nothing.</summary>
public sealed class Durable_relay_tests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("haven-durable-relay-test-");

    [Fact]
    public async Task Durable_relay_stores_every_message_it_acknowledges_and_delivers_it()
    {
        const int messages = 60;
        var scratch = _directory.CreateSubdirectory("scratch").FullName;
        _directory.CreateSubdirectory("logs");
        var environment = new BenchEnvironment(BenchEnvironment.FindRepoRoot(), BenchEnvironment.BuildConfiguration,
            _directory.FullName, scratch, HavenPostgres: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var meter = new LoadMeter();
        var start = Stopwatch.GetTimestamp();
        meter.BeginWindow(start, start, long.MaxValue);

        await using (var target = new PlainRelayTarget(messageLength: 80, durable: true))
        {
            Assert.Equal("durable-relay", target.Name);
            await target.StartAsync(environment, timeout.Token);
            var clients = await target.ConnectPairsAsync(2, meter, timeout.Token);
            for (var i = 0; i < messages; i++)
                clients[i % clients.Count].Send(Stopwatch.GetTimestamp());
            while (!meter.Settled || meter.Snapshot().Acked < messages)
                await Task.Delay(50, timeout.Token);
        }

        var counts = meter.Snapshot();
        Assert.Equal(0, counts.Failed);
        Assert.Equal(messages, counts.Acked);
        Assert.Equal(messages, counts.Delivered);
        await using var db = new SqliteConnection($"Data Source={Path.Combine(scratch, "durable-relay.db")};Pooling=false");
        await db.OpenAsync(timeout.Token);
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT COUNT(*), COUNT(DISTINCT SenderId || ClientMessageId) FROM Messages";
        await using var reader = await count.ExecuteReaderAsync(timeout.Token);
        Assert.True(await reader.ReadAsync(timeout.Token));
        Assert.Equal(messages, reader.GetInt64(0));
        Assert.Equal(messages, reader.GetInt64(1));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
