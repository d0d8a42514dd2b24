using Haven.Testing.Server;

namespace Haven.Server.Tests.Audit;

public sealed class Audit_log_on_PostgreSQL(PostgresAppFixture fixture) : IClassFixture<PostgresAppFixture>
{
    [Fact]
    public async Task Concurrent_appends_keep_one_chain_and_haven_audit_verify_catches_a_modified_row()
    {
        var app = fixture.App;
        // Four writers at once, as several nodes would: the advisory lock keeps the chain from forking.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Audit_log_tests.AppendAsync(app, 5, $"system:writer-{i}")));

        var (exit, output) = await Audit_log_tests.VerifyAsync(app);
        Assert.Equal(0, exit);
        Assert.Contains("intact: 20 entries", output, StringComparison.Ordinal);

        await app.QueryAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(db.Database,
            """UPDATE "AuditEntries" SET "Details" = '{{"n":"9"}}' WHERE "Sequence" = 7"""));
        (exit, output) = await Audit_log_tests.VerifyAsync(app);
        Assert.Equal(1, exit);
        Assert.Contains("broken at entry 7", output, StringComparison.Ordinal);
    }
}
