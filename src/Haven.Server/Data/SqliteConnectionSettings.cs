using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Haven.Server.Data;

/// <summary>
/// Settings each native SQLite connection gets once (pooled connections keep them):
/// <list type="bullet">
/// <item>SQLite itself waits for a busy database. Microsoft.Data.Sqlite's own retry sleeps 150 ms between tries, so one
/// write that met another (a usage ping while messages were committing) stalled every message behind it for a
/// multiple of 150 ms; SQLite's busy handler retries within a millisecond or two.</item>
/// <item>Reads go through a memory map instead of a read system call per page, a measurable share of the server's
/// CPU under message load.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private const int Milliseconds = 30_000;
    private const long MapBytes = 256L * 1024 * 1024;
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Configure(connection);
        return Task.CompletedTask;
    }

    private static void Configure(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Configured.TryGetValue(handle, out _))
            return;
        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {Milliseconds}; PRAGMA mmap_size = {MapBytes};";
        command.ExecuteNonQuery();
        Configured.AddOrUpdate(handle, handle);
    }
}
