using System.Data.Common;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Haven.Server.Chat;

/// <summary>
/// The group commit's insert, all of a batch or none of it: on PostgreSQL one <c>INSERT … SELECT * FROM unnest(…) RETURNING</c>
/// with one array parameter per column (one round trip, and one statement text whatever the batch size), on SQLite a
/// prepared one-row insert stepped per row in one transaction. EF Core's SaveChanges did
/// the same with change tracking and per-row bookkeeping, about a fifth of the server's CPU under load. Column names
/// and parameter conversions (Guid text on SQLite, ticks for times, enum names) come from the EF model, so the rows
/// read back through EF exactly as if EF had written them.
/// </summary>
internal sealed class MessageBatchInsert
{
    private readonly (string Column, RelationalTypeMapping Mapping, Func<Message, object?> Value)[] _columns;
    private readonly string _insertOne;
    private readonly string _insertArrays;

    private MessageBatchInsert(IEntityType entity, ISqlGenerationHelper sql)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        (string, RelationalTypeMapping, Func<Message, object?>) Column(string property, Func<Message, object?> value)
        {
            var p = entity.FindProperty(property)!;
            return (sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), value);
        }

        _columns =
        [
            Column(nameof(Message.ConversationId), m => m.ConversationId),
            Column(nameof(Message.SenderId), m => m.SenderId),
            Column(nameof(Message.ClientMessageId), m => m.ClientMessageId),
            Column(nameof(Message.Body), m => m.Body),
            Column(nameof(Message.SentAt), m => m.SentAt),
            Column(nameof(Message.Blurred), m => m.Blurred),
            Column(nameof(Message.Delivery), m => m.Delivery),
            Column(nameof(Message.Tips), m => m.Tips),
        ];
        string Name(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(table)!);
        var returning = $" RETURNING {Name(nameof(Message.Id))}, {Name(nameof(Message.SenderId))}, {Name(nameof(Message.ClientMessageId))};";
        var into = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", _columns.Select(c => c.Column))}) ";
        _insertOne = into + $"VALUES ({string.Join(", ", _columns.Select((_, c) => $"@p{c}"))})" + returning;
        _insertArrays = into + $"SELECT * FROM unnest({string.Join(", ", _columns.Select((column, c) => $"@p{c}::{column.Mapping.StoreType}[]"))})" + returning;
    }

    public static MessageBatchInsert For(HavenDbContext db) =>
        new(db.Model.FindEntityType(typeof(Message))!, db.GetService<ISqlGenerationHelper>());

    /// <summary>Inserts every message or none; sets each message's id. A duplicate fails the whole batch.</summary>
    public async Task InsertAsync(HavenDbContext db, IReadOnlyList<Message> messages)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            if (db.Database.IsSqlite())
                await InsertEachAsync(connection, messages);
            else
                await InsertAllAsync(connection, messages);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// SQLite looks a bound parameter up by name among all of a statement's parameters, so one statement for a batch
    /// of 256 rows (2,048 parameters) spent most of its time comparing names. A one-row statement, prepared once and
    /// stepped per row inside one transaction, costs SQLite no round trip at all.
    /// </summary>
    private async Task InsertEachAsync(DbConnection connection, IReadOnlyList<Message> messages)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = _insertOne;
        foreach (var message in messages)
        {
            // Same text, so SQLite keeps the prepared statement; only the bound values change.
            command.Parameters.Clear();
            for (var c = 0; c < _columns.Length; c++)
            {
                var (_, mapping, value) = _columns[c];
                command.Parameters.Add(mapping.CreateParameter(command, $"@p{c}", value(message)));
            }

            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            message.Id = reader.GetInt64(0);
        }

        await transaction.CommitAsync();
    }

    /// <summary>
    /// PostgreSQL: the whole batch in one statement, one round trip, each column's values as one array. A
    /// <c>VALUES (…), (…)</c> list had a different text for every batch size, with up to 2,048 parameters, which PostgreSQL
    /// parsed and planned afresh for every batch; this text is the same for all of them.
    /// </summary>
    private async Task InsertAllAsync(DbConnection connection, IReadOnlyList<Message> messages)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _insertArrays;
        for (var c = 0; c < _columns.Length; c++)
        {
            var (_, mapping, value) = _columns[c];
            var converter = mapping.Converter;
            var values = Array.CreateInstance(converter?.ProviderClrType ?? mapping.ClrType, messages.Count);
            for (var row = 0; row < messages.Count; row++)
                values.SetValue(converter is null ? value(messages[row]) : converter.ConvertToProvider(value(messages[row])), row);
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{c}";
            parameter.Value = values;
            command.Parameters.Add(parameter);
        }

        var byKey = new Dictionary<(Guid, Guid), Message>(messages.Count);
        foreach (var message in messages)
            byKey[(message.SenderId, message.ClientMessageId)] = message;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            byKey[(reader.GetGuid(1), reader.GetGuid(2))].Id = reader.GetInt64(0);
    }
}
