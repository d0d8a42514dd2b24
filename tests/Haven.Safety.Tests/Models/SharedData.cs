namespace Haven.Safety.Tests.Models;

/// <summary>Finds the shared data folder (<c>shared/data</c>) by walking up from the test binaries.</summary>
internal static class SharedData
{
    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "data");
                if (System.IO.Directory.Exists(candidate))
                    return candidate;
            }

            throw new InvalidOperationException(
                $"No 'shared/data' folder above {AppContext.BaseDirectory}. The evaluation tests need the shared data sets next to the repository.");
        }
    }

    public static FileInfo File(params string[] parts)
    {
        var file = new FileInfo(Path.Combine([Directory, .. parts]));
        if (!file.Exists)
            throw new InvalidOperationException($"Missing data file {file.FullName}.");
        return file;
    }
}
