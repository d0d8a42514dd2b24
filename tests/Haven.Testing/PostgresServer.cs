using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using Xunit;

namespace Haven.Testing;

/// <summary>
/// A throwaway PostgreSQL server on a free loopback port, in its own temporary directory
/// (<c>initdb</c> + <c>pg_ctl</c>, trust authentication, no fsync). When this process runs as
/// root the server runs as the <c>postgres</c> user, because <c>initdb</c> refuses root.
/// Use it as an xunit class or collection fixture, or share one per test process through
/// <see cref="GetSharedAsync"/> (what <see cref="PostgresDatabase"/> does).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime, IAsyncDisposable
{
    /// <summary>Where Debian installs the server binaries, one folder per major version.</summary>
    public const string DefaultSearchRoot = "/usr/lib/postgresql";

    /// <summary>The superuser name (trust authentication, no password).</summary>
    public const string Username = "postgres";

    private static readonly Lazy<Task<PostgresServer>> SharedServer = new(StartSharedAsync);
    private static int databaseCounter;

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly HashSet<string> handedOut = [];
    private string? rootDirectory;
    private string? binDirectory;
    private int port;
    private bool running;
    private bool disposed;

    /// <summary>The host to connect to.</summary>
    public static string Host => "127.0.0.1";

    /// <summary>The TCP port (0 before start).</summary>
    public int Port => port;

    /// <summary>True between a successful start and stop.</summary>
    public bool IsRunning => running;

    /// <summary>The temporary directory holding the data directory, socket and log.</summary>
    public string RootDirectory => rootDirectory ?? throw NotStarted();

    /// <summary>The PostgreSQL data directory.</summary>
    public string DataDirectory => Path.Combine(RootDirectory, "data");

    /// <summary>The server log file.</summary>
    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    /// <summary>The folder holding <c>initdb</c>, <c>pg_ctl</c> and <c>psql</c>.</summary>
    public string BinDirectory => binDirectory ?? throw NotStarted();

    /// <summary>A connection string to the built-in <c>postgres</c> database as superuser.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>
    /// One server shared by the whole test process, started on first use and stopped when the
    /// process exits. Each test class should still work in its own database
    /// (<see cref="CreateDatabaseAsync"/>).
    /// </summary>
    public static Task<PostgresServer> GetSharedAsync() => SharedServer.Value;

    /// <summary>
    /// Finds the PostgreSQL server binaries: <c>$HAVEN_PG_BIN</c> if set, else the newest
    /// <c>{searchRoot}/*/bin</c> that has <c>initdb</c> and <c>pg_ctl</c>.
    /// </summary>
    /// <exception cref="TestDependencyMissingException">PostgreSQL is not installed.</exception>
    public static string FindBinDirectory(string searchRoot = DefaultSearchRoot)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HAVEN_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && searchRoot == DefaultSearchRoot)
        {
            if (HasServerBinaries(fromEnvironment))
            {
                return fromEnvironment;
            }

            throw new TestDependencyMissingException(
                $"HAVEN_PG_BIN is set to '{fromEnvironment}', but that folder has no initdb and pg_ctl.");
        }

        var found = Directory.Exists(searchRoot)
            ? Directory.GetDirectories(searchRoot)
                .Select(versionDirectory => (Version: ParseMajor(Path.GetFileName(versionDirectory)), Bin: Path.Combine(versionDirectory, "bin")))
                .Where(candidate => HasServerBinaries(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        return found ?? throw new TestDependencyMissingException(
            $"PostgreSQL is not installed: no initdb and pg_ctl under {searchRoot}/*/bin. " +
            "Install the Debian package with 'apt-get install -y postgresql' (or run ./test.sh, which installs it), " +
            "or point HAVEN_PG_BIN at a folder holding initdb and pg_ctl.");
    }

    /// <summary>A connection string for a database on this server.</summary>
    public string ConnectionStringFor(string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        if (!running)
        {
            throw NotStarted();
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Host,
            Port = port,
            Username = Username,
            Database = database,
            Timeout = 15,
            IncludeErrorDetail = true,
        };
        lock (handedOut)
        {
            handedOut.Add(builder.ConnectionString);
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Creates a new, empty database whose name starts with <paramref name="name"/> (lower-cased,
    /// reduced to letters, digits and underscores) followed by a unique suffix, and returns a
    /// connection string for it. Every call gives a fresh database.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var database = UniqueDatabaseName(name);
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return ConnectionStringFor(database);
    }

    /// <summary>Drops a database (closing its connections) created by <see cref="CreateDatabaseAsync"/>.</summary>
    public async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        await using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one SQL statement and returns the first column of the first row.</summary>
    public static async Task<object?> ExecuteScalarAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>Initialises a data directory and starts the server; waits until it accepts connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (running)
            {
                return;
            }

            binDirectory = FindBinDirectory();
            rootDirectory = TestTempDirectory.Create("postgres");
            var asRoot = TestTempDirectory.IsRoot;
            if (asRoot)
            {
                await ProcessRunner.RunCheckedAsync("chown", ["postgres:postgres", rootDirectory], cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await RunAsServerUserAsync(
                "initdb",
                ["-D", DataDirectory, "-U", Username, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions"],
                TimeSpan.FromSeconds(120),
                cancellationToken).ConfigureAwait(false);

            Exception? lastFailure = null;
            for (var attempt = 0; attempt < 3 && !running; attempt++)
            {
                var candidatePort = FreePort.Next();
                var serverOptions = string.Join(
                    ' ',
                    "-p", candidatePort.ToString(CultureInfo.InvariantCulture),
                    "-k", rootDirectory,
                    "-c listen_addresses=127.0.0.1",
                    "-c fsync=off",
                    "-c synchronous_commit=off",
                    "-c full_page_writes=off",
                    "-c max_connections=300",
                    "-c shared_buffers=32MB");
                try
                {
                    await RunAsServerUserAsync(
                        "pg_ctl",
                        ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", serverOptions],
                        TimeSpan.FromSeconds(90),
                        cancellationToken).ConfigureAwait(false);
                    port = candidatePort;
                    running = true;
                }
                catch (InvalidOperationException exception)
                {
                    lastFailure = new InvalidOperationException(exception.Message + Environment.NewLine + "--- server log ---" + Environment.NewLine + ReadLogTail(), exception);
                    await StopServerProcessAsync().ConfigureAwait(false);
                }
            }

            if (!running)
            {
                await TestTempDirectory.DeleteAsync(rootDirectory).ConfigureAwait(false);
                rootDirectory = null;
                throw new InvalidOperationException("PostgreSQL did not start after 3 attempts.", lastFailure);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the server immediately and deletes its directory. Safe to call twice.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (rootDirectory is null)
            {
                return;
            }

            if (running)
            {
                ClearPools();
                await StopServerProcessAsync().ConfigureAwait(false);
                running = false;
            }

            await TestTempDirectory.DeleteAsync(rootDirectory).ConfigureAwait(false);
            rootDirectory = null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync().ConfigureAwait(false);
        disposed = true;
        gate.Dispose();
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);

    private static async Task<PostgresServer> StartSharedAsync()
    {
        var server = new PostgresServer();
        await server.StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopOnProcessExit();
        return server;
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static int ParseMajor(string? folderName) =>
        int.TryParse(folderName, NumberStyles.Integer, CultureInfo.InvariantCulture, out var major) ? major : 0;

    private static string UniqueDatabaseName(string name)
    {
        var cleaned = new StringBuilder();
        foreach (var character in name.ToLowerInvariant())
        {
            cleaned.Append(character is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' ? character : '_');
        }

        var prefix = cleaned.Length > 40 ? cleaned.ToString(0, 40) : cleaned.ToString();
        if (prefix.Length == 0 || !char.IsAsciiLetter(prefix[0]))
        {
            prefix = "db_" + prefix;
        }

        var counter = Interlocked.Increment(ref databaseCounter);
        return string.Create(CultureInfo.InvariantCulture, $"{prefix}_{counter}_{Guid.NewGuid().ToString("N")[..8]}");
    }

    private static InvalidOperationException NotStarted() => new("The PostgreSQL server has not been started.");

    private Task<ProcessResult> RunAsServerUserAsync(string program, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(BinDirectory, program);
        var options = new ProcessRunOptions { Timeout = timeout, WorkingDirectory = RootDirectory };
        return TestTempDirectory.IsRoot
            ? ProcessRunner.RunCheckedAsync("runuser", ["-u", "postgres", "--", executable, .. arguments], options, cancellationToken)
            : ProcessRunner.RunCheckedAsync(executable, arguments, options, cancellationToken);
    }

    private async Task StopServerProcessAsync()
    {
        if (!File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            return;
        }

        var result = TestTempDirectory.IsRoot
            ? await ProcessRunner.RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(40), WorkingDirectory = RootDirectory }).ConfigureAwait(false)
            : await ProcessRunner.RunAsync(Path.Combine(BinDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(40), WorkingDirectory = RootDirectory }).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            KillPostmaster();
        }
    }

    private void StopOnProcessExit()
    {
        if (!running || rootDirectory is null)
        {
            return;
        }

        // The test host may be killed soon after it starts exiting, so the stop and the removal
        // run in a detached shell of their own that outlives it.
        running = false;
        var pgCtl = Path.Combine(BinDirectory, "pg_ctl");
        var stop = $"{(TestTempDirectory.IsRoot ? "runuser -u postgres -- " : string.Empty)}'{pgCtl}' stop -D '{DataDirectory}' -m immediate -w -t 10";
        var script = $"{stop} >/dev/null 2>&1; rm -rf '{rootDirectory}'";
        var startInfo = new ProcessStartInfo(ProcessRunner.FindOnPath("setsid") ?? "sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/",
        };
        if (startInfo.FileName != "sh")
        {
            startInfo.ArgumentList.Add("sh");
        }

        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(script);
        using var process = Process.Start(startInfo);
        process?.WaitForExit(TimeSpan.FromSeconds(15));
    }

    private void ClearPools()
    {
        string[] connectionStrings;
        lock (handedOut)
        {
            connectionStrings = [.. handedOut];
            handedOut.Clear();
        }

        foreach (var connectionString in connectionStrings)
        {
            using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }
    }

    private void KillPostmaster()
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        try
        {
            var firstLine = File.ReadLines(pidFile).FirstOrDefault();
            if (int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
            {
                using var postmaster = Process.GetProcessById(pid);
                postmaster.Kill(entireProcessTree: true);
            }
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // The server is already gone.
        }
    }

    private string ReadLogTail()
    {
        try
        {
            var text = File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no log)";
            return text.Length <= 3000 ? text : text[^3000..];
        }
        catch (IOException exception)
        {
            return $"(log unreadable: {exception.Message})";
        }
    }
}
