using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Haven.Audit;

/// <summary>
/// Reads the audit log straight from Haven's database (SQLite or PostgreSQL) with plain ADO.NET, so the
/// verifier depends on nothing the server could have altered.
/// </summary>
public static class AuditLogReader
{
    public const string Table = "AuditEntries";

    public static DbConnection Open(string provider, string connectionString) => provider.ToLowerInvariant() switch
    {
        "sqlite" => new SqliteConnection(connectionString),
        "postgres" or "postgresql" => new NpgsqlConnection(connectionString),
        _ => throw new ArgumentException($"Unknown database provider '{provider}': use sqlite or postgres.", nameof(provider)),
    };

    public static async IAsyncEnumerable<AuditRecord> ReadAsync(DbConnection connection, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (connection.State != System.Data.ConnectionState.Open)
            await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "Sequence", "At", "Actor", "Action", "Subject", "Details", "PreviousHash", "Hash" FROM "{Table}" ORDER BY "Sequence" """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new AuditRecord(
                reader.GetInt64(0),
                ReadTime(reader.GetValue(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7));
        }
    }

    // SQLite rows hold UTC ticks (Haven's converter); PostgreSQL returns timestamptz as a UTC DateTime.
    private static DateTimeOffset ReadTime(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        _ => throw new InvalidDataException($"Unexpected audit time value of type {value.GetType().Name}."),
    };
}
