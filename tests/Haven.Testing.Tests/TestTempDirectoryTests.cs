using System.Diagnostics;
using System.Globalization;

namespace Haven.Testing.Tests;

public sealed class TestTempDirectoryTests
{
    [Fact]
    public void Created_directories_record_their_owner()
    {
        var directory = TestTempDirectory.Create("owner");
        try
        {
            Assert.StartsWith(TestTempDirectory.Prefix + "owner-", Path.GetFileName(directory), StringComparison.Ordinal);
            Assert.Equal(
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                File.ReadAllText(Path.Combine(directory, TestTempDirectory.OwnerFileName)));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task Abandoned_directories_are_removed_and_their_servers_killed()
    {
        var baseDirectory = TestTempDirectory.Create("cleanupbase");
        var deadOwner = await StartExitedProcessIdAsync();
        using var orphanServer = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            var abandoned = Directory.CreateDirectory(Path.Combine(baseDirectory, TestTempDirectory.Prefix + "redis-abandoned")).FullName;
            await File.WriteAllTextAsync(Path.Combine(abandoned, TestTempDirectory.OwnerFileName), deadOwner.ToString(CultureInfo.InvariantCulture));
            await File.WriteAllTextAsync(Path.Combine(abandoned, "redis.pid"), orphanServer.Id.ToString(CultureInfo.InvariantCulture));
            var live = Directory.CreateDirectory(Path.Combine(baseDirectory, TestTempDirectory.Prefix + "redis-live")).FullName;
            await File.WriteAllTextAsync(Path.Combine(live, TestTempDirectory.OwnerFileName), Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

            var removed = TestTempDirectory.CleanUpAbandoned(baseDirectory);

            Assert.Equal(1, removed);
            Assert.False(Directory.Exists(abandoned));
            Assert.True(Directory.Exists(live));
            Assert.True(orphanServer.HasExited);
        }
        finally
        {
            if (!orphanServer.HasExited)
            {
                orphanServer.Kill();
            }

            Directory.Delete(baseDirectory, recursive: true);
        }
    }

    private static async Task<int> StartExitedProcessIdAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        return process.Id;
    }
}
