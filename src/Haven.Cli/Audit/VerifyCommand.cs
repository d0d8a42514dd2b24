using System.CommandLine;
using System.Data.Common;
using Haven.Audit;

namespace Haven.Cli.Audit;

/// <summary>
/// <c>haven audit verify [--provider sqlite|postgres] [--connection STRING]</c>: walks the audit log's hash chain
/// and names the first broken entry. Without options it reads the server's own settings from the environment
/// (<c>Haven__Database__Provider</c>, <c>Haven__Database__ConnectionString</c>).
/// </summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var provider = new Option<string>("--provider")
        {
            Description = "Database provider: sqlite or postgres.",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Haven__Database__Provider") ?? "sqlite",
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "ADO.NET connection string of Haven's database, e.g. \"Data Source=data/haven.db\".",
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("Haven__Database__ConnectionString"),
        };
        var command = new Command("verify", "Check the audit log's hash chain; exit code 1 names the first broken entry.") { provider, connection };
        command.SetAction((parse, ct) => RunAsync(
            parse.GetRequiredValue(provider), parse.GetValue(connection),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    /// <returns>0 when the chain is intact, 1 when an entry is broken, 2 when the log cannot be read.</returns>
    public static async Task<int> RunAsync(string provider, string? connectionString, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync("No connection string: pass --connection or set Haven__Database__ConnectionString.");
            return 2;
        }

        AuditVerification result;
        try
        {
            await using var connection = AuditLogReader.Open(provider, connectionString);
            result = await AuditChain.VerifyAsync(AuditLogReader.ReadAsync(connection, ct), ct);
        }
        catch (Exception e) when (e is DbException or ArgumentException or InvalidDataException or InvalidOperationException)
        {
            await error.WriteLineAsync($"Could not read the audit log: {e.Message}");
            return 2;
        }

        if (result.Ok)
        {
            await output.WriteLineAsync(result.Checked == 0
                ? "Audit log is empty."
                : $"Audit log intact: {result.Checked} entries; last hash {result.LastHash}.");
            return 0;
        }

        await output.WriteLineAsync($"Audit log broken at entry {result.FirstBrokenSequence}: {result.Reason}. {result.Checked} entries before it are intact.");
        return 1;
    }
}
