using System.Diagnostics;
using System.Globalization;

namespace Haven.Testing;

/// <summary>
/// Temporary directories for the servers the fixtures start. The base is <c>$HAVEN_TEST_TMPDIR</c>
/// when set (test.sh sets it, so it can find and stop anything a crashed test left behind),
/// otherwise <c>/tmp</c> for root (the <c>postgres</c> user must be able to reach it) and the
/// user's temporary directory for everyone else.
/// </summary>
public static class TestTempDirectory
{
    /// <summary>Name prefix of every directory created here.</summary>
    public const string Prefix = "haven-test-";

    /// <summary>The directory under which fixture directories are created.</summary>
    public static string BaseDirectory
    {
        get
        {
            var fromEnvironment = Environment.GetEnvironmentVariable("HAVEN_TEST_TMPDIR");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                return fromEnvironment;
            }

            return IsRoot && Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath();
        }
    }

    /// <summary>True when this process runs as root (uid 0).</summary>
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    /// <summary>Name of the file, in each directory created here, that holds the creating process's id.</summary>
    public const string OwnerFileName = "owner.pid";

    private static int staleCleanupDone;

    /// <summary>
    /// Creates a new directory named <c>haven-test-{kind}-{random}</c> holding <see cref="OwnerFileName"/>.
    /// The first call in a process also removes what earlier, crashed test processes left behind
    /// (see <see cref="CleanUpAbandoned"/>).
    /// </summary>
    public static string Create(string kind)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var baseDirectory = BaseDirectory;
        Directory.CreateDirectory(baseDirectory);
        if (Interlocked.Exchange(ref staleCleanupDone, 1) == 0)
        {
            CleanUpAbandoned(baseDirectory);
        }

        var path = Path.Combine(baseDirectory, $"{Prefix}{kind}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return path;
    }

    /// <summary>
    /// For every <c>haven-test-*</c> directory under <paramref name="baseDirectory"/> whose owning
    /// process is gone: kills the server recorded in it (PostgreSQL's <c>data/postmaster.pid</c>,
    /// <c>redis.pid</c>) and deletes it. Returns how many directories were removed.
    /// </summary>
    public static int CleanUpAbandoned(string baseDirectory)
    {
        if (!Directory.Exists(baseDirectory))
        {
            return 0;
        }

        var removed = 0;
        foreach (var directory in Directory.GetDirectories(baseDirectory, Prefix + "*"))
        {
            var owner = ReadPid(Path.Combine(directory, OwnerFileName));
            if (owner is null || IsAlive(owner.Value))
            {
                continue;
            }

            foreach (var pidFile in new[] { Path.Combine(directory, "data", "postmaster.pid"), Path.Combine(directory, "redis.pid") })
            {
                if (ReadPid(pidFile) is { } pid && IsAlive(pid))
                {
                    Kill(pid);
                }
            }

            try
            {
                Directory.Delete(directory, recursive: true);
                removed++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Another process is cleaning it up, or it is not ours to delete.
            }
        }

        return removed;
    }

    private static int? ReadPid(string file)
    {
        try
        {
            var firstLine = File.Exists(file) ? File.ReadLines(file).FirstOrDefault() : null;
            return int.TryParse(firstLine, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsAlive(int pid)
    {
        if (Directory.Exists("/proc"))
        {
            return Directory.Exists(Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture)));
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Gone already.
        }
    }

    /// <summary>Deletes a directory tree, retrying briefly while a stopping process still writes to it.</summary>
    public static async Task DeleteAsync(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception exception) when ((exception is IOException or UnauthorizedAccessException) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }
}
