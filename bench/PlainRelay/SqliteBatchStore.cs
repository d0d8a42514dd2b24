using System.Text;
using Microsoft.Data.Sqlite;

namespace Haven.Bench.PlainRelay;

/// <summary>
/// As Haven stores messages on SQLite: a table of the shape of Haven's Messages (GUIDs as text) with its two indexes,
/// WAL with synchronous FULL (a commit is on disk), a prepared one-row insert stepped per message in one transaction.
/// </summary>
public sealed class SqliteBatchStore(string path) : IBatchStore
{
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteParameter _conversation = null!, _sender = null!, _clientId = null!, _body = null!, _sentAt = null!;

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using (var setup = _connection.CreateCommand())
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

        _insert = _connection.CreateCommand();
        _insert.CommandText = "INSERT INTO Messages (ConversationId, SenderId, ClientMessageId, Body, SentAt) VALUES ($c, $s, $m, $b, $t) RETURNING Id;";
        _conversation = _insert.Parameters.Add("$c", SqliteType.Text);
        _sender = _insert.Parameters.Add("$s", SqliteType.Text);
        _clientId = _insert.Parameters.Add("$m", SqliteType.Text);
        _body = _insert.Parameters.Add("$b", SqliteType.Blob);
        _sentAt = _insert.Parameters.Add("$t", SqliteType.Integer);
        return Task.CompletedTask;
    }

    public Task InsertAsync(IReadOnlyList<PendingMessage> batch)
    {
        var insert = _insert ?? throw new InvalidOperationException("Open the store first.");
        using var transaction = _connection!.BeginTransaction();
        insert.Transaction = transaction;
        foreach (var (sender, message, sentAt, _) in batch)
        {
            _conversation.Value = message.To;
            _sender.Value = sender;
            _clientId.Value = message.Id.ToString().ToUpperInvariant();
            _body.Value = Encoding.UTF8.GetBytes(message.Text);
            _sentAt.Value = sentAt.UtcTicks;
            insert.ExecuteScalar();
        }

        transaction.Commit();
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
            await _insert.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}
