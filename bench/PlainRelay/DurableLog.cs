using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Haven.Bench.PlainRelay;

/// <summary>
/// The least a relay must do to never lose an acknowledged message: senders queue into a bounded channel, one writer
/// inserts whatever has queued up in one SQLite transaction (WAL, synchronous FULL: a commit is on disk) with a prepared
/// one-row insert per message, and each sender's ack waits for its commit. The table has the shape of Haven's Messages
/// (conversation, sender, client message id unique per sender, body, time) but nothing else of Haven's path: no auth,
/// no checks, no encryption.
/// </summary>
public sealed class DurableLog(string path) : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly Channel<(string Sender, RelayMessage Message, TaskCompletionSource<long> Stored)> _queue =
        Channel.CreateBounded<(string, RelayMessage, TaskCompletionSource<long>)>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public Task<long> AppendAsync(string sender, RelayMessage message)
    {
        var stored = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((sender, message, stored)))
            throw new InvalidOperationException("Busy: the write queue is full.");
        return stored.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var setup = connection.CreateCommand())
        {
            setup.CommandText = """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = FULL;
                CREATE TABLE IF NOT EXISTS Messages (
                    Id INTEGER PRIMARY KEY AUTOINCREMENT, ConversationId TEXT NOT NULL, SenderId TEXT NOT NULL,
                    ClientMessageId TEXT NOT NULL, Body BLOB NOT NULL, SentAt INTEGER NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS IX_Messages_Sender_Client ON Messages (SenderId, ClientMessageId);
                CREATE INDEX IF NOT EXISTS IX_Messages_Conversation_Id ON Messages (ConversationId, Id);
                """;
            setup.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO Messages (ConversationId, SenderId, ClientMessageId, Body, SentAt) VALUES ($c, $s, $m, $b, $t) RETURNING Id;";
        var conversation = insert.Parameters.Add("$c", SqliteType.Text);
        var sender = insert.Parameters.Add("$s", SqliteType.Text);
        var clientId = insert.Parameters.Add("$m", SqliteType.Text);
        var body = insert.Parameters.Add("$b", SqliteType.Blob);
        var sentAt = insert.Parameters.Add("$t", SqliteType.Integer);

        var batch = new List<(string Sender, RelayMessage Message, TaskCompletionSource<long> Stored)>(MaxBatch);
        var ids = new long[MaxBatch];
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                using (var transaction = connection.BeginTransaction())
                {
                    insert.Transaction = transaction;
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var (from, message, _) = batch[i];
                        conversation.Value = message.To;
                        sender.Value = from;
                        clientId.Value = message.Id.ToString();
                        body.Value = Encoding.UTF8.GetBytes(message.Text);
                        sentAt.Value = DateTimeOffset.UtcNow.UtcTicks;
                        ids[i] = (long)insert.ExecuteScalar()!;
                    }

                    transaction.Commit();
                }

                for (var i = 0; i < batch.Count; i++)
                    batch[i].Stored.TrySetResult(ids[i]);
            }
            catch (SqliteException exception)
            {
                foreach (var (_, _, stored) in batch)
                    stored.TrySetException(exception);
            }

            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}
