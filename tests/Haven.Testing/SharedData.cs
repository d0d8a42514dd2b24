namespace Haven.Testing;

/// <summary>
/// Locates the project's shared data folder (<c>shared/data</c>, beside the repository:
/// the repo is <c>…/main</c> and the data <c>…/shared/data</c>) by walking up from the test's
/// output folder. <c>$HAVEN_SHARED_DATA</c> overrides the search.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string> Found = new(() =>
        TryFindDirectory(AppContext.BaseDirectory) ?? throw new DirectoryNotFoundException(
            $"The shared data folder was not found: no 'shared/data' in '{AppContext.BaseDirectory}' or any folder above it, " +
            "and HAVEN_SHARED_DATA is not set. It is expected beside the repository (../shared/data from the repo root)."));

    /// <summary>The full path of the shared data folder.</summary>
    /// <exception cref="DirectoryNotFoundException">No shared/data was found.</exception>
    public static string DataDirectory => Found.Value;

    /// <summary>The path of a file or folder inside shared/data; throws when it does not exist.</summary>
    /// <exception cref="FileNotFoundException">The named file or folder is absent.</exception>
    public static string GetPath(params string[] relativeParts)
    {
        ArgumentNullException.ThrowIfNull(relativeParts);
        var path = Path.Combine([DataDirectory, .. relativeParts]);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new FileNotFoundException($"'{Path.Combine(relativeParts)}' is not in the shared data folder '{DataDirectory}'.", path);
    }

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> and returns the first <c>shared/data</c>
    /// found (or <c>$HAVEN_SHARED_DATA</c> when set and present); null when there is none.
    /// </summary>
    public static string? TryFindDirectory(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startDirectory);
        var fromEnvironment = Environment.GetEnvironmentVariable("HAVEN_SHARED_DATA");
        if (!string.IsNullOrWhiteSpace(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        return FindAbove(startDirectory);
    }

    /// <summary>Walks up from <paramref name="startDirectory"/> and returns the first <c>shared/data</c> found; null when there is none.</summary>
    public static string? FindAbove(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startDirectory);
        for (var directory = new DirectoryInfo(Path.GetFullPath(startDirectory)); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
