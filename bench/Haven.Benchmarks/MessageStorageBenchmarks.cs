using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace Haven.Benchmarks;

/// <summary>
/// What storing a message costs SQLite, the way Haven's group commit does it: a prepared one-row insert per message,
/// 256 messages per transaction, WAL with synchronous FULL (the commit is on disk). The table is Haven's Messages table
/// on SQLite (GUIDs as text, a foreign key to its conversation); the baseline is the same table without the two
/// indexes Haven needs, (sender, client message id) for idempotent resends and (conversation, id) for history. Client
/// ids are random (version 4) or time-ordered (version 7), as Haven's own clients send: a random id lands on a different
/// index page every time, so a commit writes a page to the WAL for nearly every message in it.
/// Per-message cost is the reported time (per message: 256 operations per invocation). The tables grow across
/// iterations, as a live server's does.
/// </summary>
public class MessageStorageBenchmarks
{
    private const int Batch = 256;

    private MessageTable _withoutIndexes = null!;
    private MessageTable _withHavenIndexes = null!;

    [Params("random", "time-ordered")]
    public string ClientIds { get; set; } = "random";

    [GlobalSetup]
    public void Setup()
    {
        var timeOrdered = ClientIds == "time-ordered";
        _withoutIndexes = new MessageTable(havenIndexes: false, timeOrdered);
        _withHavenIndexes = new MessageTable(havenIndexes: true, timeOrdered);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch)]
    public long WithoutIndexes() => _withoutIndexes.CommitBatch(Batch);

    [Benchmark(OperationsPerInvoke = Batch)]
    public long WithHavenIndexes() => _withHavenIndexes.CommitBatch(Batch);

    [GlobalCleanup]
    public void Cleanup()
    {
        _withoutIndexes.Dispose();
        _withHavenIndexes.Dispose();
    }

    private sealed class MessageTable : IDisposable
    {
        private static readonly byte[] Body = Encoding.UTF8.GetBytes(new string('x', 108)); // 80 characters, AES-GCM nonce and tag

        private readonly bool _timeOrdered;
        private readonly string _directory = Directory.CreateTempSubdirectory("haven-storage-bench-").FullName;
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _conversation, _sender, _clientId, _body, _sentAt;
        private readonly string[] _conversations = [.. Enumerable.Range(0, 50).Select(_ => Guid.CreateVersion7().ToString().ToUpperInvariant())];
        private readonly string[] _members = [.. Enumerable.Range(0, 100).Select(_ => Guid.CreateVersion7().ToString().ToUpperInvariant())];
        private long _sent;

        public MessageTable(bool havenIndexes, bool timeOrdered)
        {
            _timeOrdered = timeOrdered;
            _connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "haven.db")};Pooling=false;Foreign Keys=true");
            _connection.Open();
            using (var setup = _connection.CreateCommand())
            {
                setup.CommandText = """
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = FULL;
                    CREATE TABLE Conversations (Id TEXT NOT NULL CONSTRAINT PK_Conversations PRIMARY KEY, CreatedAt INTEGER NOT NULL);
                    CREATE TABLE Messages (
                        Id INTEGER NOT NULL CONSTRAINT PK_Messages PRIMARY KEY AUTOINCREMENT,
                        ConversationId TEXT NOT NULL, SenderId TEXT NOT NULL, ClientMessageId TEXT NOT NULL, Body BLOB NOT NULL,
                        SentAt INTEGER NOT NULL, Blurred INTEGER NOT NULL DEFAULT 0, Delivery TEXT NOT NULL DEFAULT 'Delivered', Tips TEXT NULL,
                        CONSTRAINT FK_Messages_Conversations_ConversationId FOREIGN KEY (ConversationId) REFERENCES Conversations (Id) ON DELETE CASCADE);
                    """ + (havenIndexes ? """
                    CREATE UNIQUE INDEX IX_Messages_SenderId_ClientMessageId ON Messages (SenderId, ClientMessageId);
                    CREATE INDEX IX_Messages_ConversationId_Id ON Messages (ConversationId, Id);
                    """ : "");
                setup.ExecuteNonQuery();
            }

            foreach (var conversation in _conversations)
            {
                using var add = _connection.CreateCommand();
                add.CommandText = "INSERT INTO Conversations (Id, CreatedAt) VALUES ($id, 0)";
                add.Parameters.AddWithValue("$id", conversation);
                add.ExecuteNonQuery();
            }

            _insert = _connection.CreateCommand();
            _insert.CommandText = """
                INSERT INTO Messages (ConversationId, SenderId, ClientMessageId, Body, SentAt, Blurred, Delivery, Tips)
                VALUES ($c, $s, $m, $b, $t, 0, 'Delivered', NULL) RETURNING Id, SenderId, ClientMessageId;
                """;
            _conversation = _insert.Parameters.Add("$c", SqliteType.Text);
            _sender = _insert.Parameters.Add("$s", SqliteType.Text);
            _clientId = _insert.Parameters.Add("$m", SqliteType.Text);
            _body = _insert.Parameters.Add("$b", SqliteType.Blob);
            _sentAt = _insert.Parameters.Add("$t", SqliteType.Integer);
        }

        public long CommitBatch(int count)
        {
            long last = 0;
            using var transaction = _connection.BeginTransaction();
            _insert.Transaction = transaction;
            for (var i = 0; i < count; i++, _sent++)
            {
                // 50 conversations of two members, taking turns, as the load benchmark sends.
                var pair = (int)(_sent % _conversations.Length);
                _conversation.Value = _conversations[pair];
                _sender.Value = _members[2 * pair + (int)(_sent / _conversations.Length % 2)];
                _clientId.Value = (_timeOrdered ? Guid.CreateVersion7() : Guid.NewGuid()).ToString().ToUpperInvariant();
                _body.Value = Body;
                _sentAt.Value = DateTime.UtcNow.Ticks;
                using var reader = _insert.ExecuteReader();
                reader.Read();
                last = reader.GetInt64(0);
            }

            transaction.Commit();
            return last;
        }

        public void Dispose()
        {
            _insert.Dispose();
            _connection.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
