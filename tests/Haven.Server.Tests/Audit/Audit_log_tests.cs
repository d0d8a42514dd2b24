using System.Net;
using System.Net.Http.Json;
using Haven.Audit;
using Haven.Cli.Audit;
using Haven.Server.Audit;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Server.Tests.Audit;

public sealed class Audit_log_tests
{
    [Fact]
    public async Task Haven_audit_verify_accepts_an_untouched_log()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        await AppendAsync(app, 3);

        var (exit, output) = await VerifyAsync(app);

        Assert.Equal(0, exit);
        Assert.Contains("intact: 3 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Haven_audit_verify_names_the_first_modified_row()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        await AppendAsync(app, 4);

        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Subject" = 'member:someone-else' WHERE "Sequence" = 2"""));
        var (exit, output) = await VerifyAsync(app);

        Assert.Equal(1, exit);
        Assert.Contains("broken at entry 2", output, StringComparison.Ordinal);
        Assert.Contains("changed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Haven_audit_verify_catches_a_deleted_row_and_a_rewritten_hash()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        await AppendAsync(app, 4);

        await app.QueryAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" = 3"""));
        var (exit, output) = await VerifyAsync(app);
        Assert.Equal(1, exit);
        Assert.Contains("broken at entry 4", output, StringComparison.Ordinal);

        // Recomputing a changed entry's own hash does not help: the next entry still points at the old one.
        await using var ownedOther = await StartAsync();
        var other = ownedOther.App;
        await AppendAsync(other, 3);
        await other.QueryAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Sequence == 1);
            entry.Action = "case.dismiss";
            entry.Hash = AuditChain.ComputeHash(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.Details, entry.PreviousHash);
            return await db.SaveChangesAsync();
        });
        (exit, output) = await VerifyAsync(other);
        Assert.Equal(1, exit);
        Assert.Contains("broken at entry 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_is_saved_together_with_the_callers_pending_changes()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        var member = await app.RegisterAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Haven.Server.Data.HavenDbContext>();
            var account = await db.Users.SingleAsync(u => u.Id == member.Id);
            account.Bio = "changed by a moderator";
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>()
                .AppendAsync(new AuditEvent(AuditEvent.System("test"), "profile.edit", AuditEvent.Member(member.Id)), CancellationToken.None);
        }

        Assert.Equal("changed by a moderator", await app.QueryAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.Bio).SingleAsync()));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task Only_admins_can_check_the_chain_over_http()
    {
        await using var owned = await StartAsync();
        var app = owned.App;
        await AppendAsync(app, 2);
        var member = await app.RegisterAsync();
        var moderator = await app.MakeModeratorAsync(await app.RegisterAsync());
        var admin = await app.MakeAdminAsync(await app.RegisterAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await member.Http.GetAsync("/api/admin/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/api/admin/audit/verify")).StatusCode);
        var result = await admin.Http.GetFromJsonAsync<AuditVerification>("/api/admin/audit/verify");
        Assert.True(result!.Ok);
        Assert.Equal(2, result.Checked);
    }

    internal static async Task AppendAsync(HavenApp app, int count, string actor = "system:test")
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IAuditTrail>().AppendAsync(
                new AuditEvent(actor, "case.note", $"case:{Guid.NewGuid()}", new Dictionary<string, string> { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
                CancellationToken.None);
        }
    }

    internal static async Task<(int Exit, string Output)> VerifyAsync(HavenApp app)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await VerifyCommand.RunAsync(app.Provider, app.ConnectionString, output, error);
        return (exit, output.ToString() + error);
    }

    private static async Task<OwnedApp> StartAsync()
    {
        var directory = TestTempDirectory.Create("audit");
        return new OwnedApp(HavenApp.Sqlite(directory).Start(), directory);
    }
}

/// <summary>A test's own Haven (its own SQLite file), removed afterwards.</summary>
internal sealed class OwnedApp(HavenApp app, string directory) : IAsyncDisposable
{
    public HavenApp App { get; } = app;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await TestTempDirectory.DeleteAsync(directory);
    }
}
