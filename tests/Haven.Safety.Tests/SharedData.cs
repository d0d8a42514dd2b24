namespace Haven.Safety.Tests;

/// <summary>
/// Finds ../shared/data: walks up from the test binaries to the first directory that has a
/// <c>shared/data</c> folder. Evaluation tests must not silently pass without data, so a missing folder fails.
/// </summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(candidate))
                return System.IO.Path.Combine([candidate, .. parts]);
            directory = directory.Parent;
        }

        Assert.Fail($"The shared data folder (a 'shared/data' directory next to the repository) was not found above {AppContext.BaseDirectory}. Evaluation tests need it.");
        return string.Empty;
    }
}
