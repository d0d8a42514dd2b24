using System.Reflection;

namespace Haven.Load;

/// <summary>Where things are: the repository's build outputs, the run's scratch and output folders.</summary>
public sealed record BenchEnvironment(string RepoRoot, string Configuration, string OutputDirectory, string ScratchDirectory, string? HavenPostgres)
{
    public string HavenServerDll => Path.Combine(RepoRoot, "src", "Haven.Server", "bin", Configuration, "net10.0", "Haven.Server.dll");

    public string PlainRelayDll => Path.Combine(RepoRoot, "bench", "PlainRelay", "bin", Configuration, "net10.0", "PlainRelay.dll");

    public string SocketIoRelayDirectory => Path.Combine(RepoRoot, "bench", "socketio-relay");

    public string LogPath(string name) => Path.Combine(OutputDirectory, "logs", name + ".log");

    /// <summary>The configuration this benchmark was built in: the servers are expected in the same one.</summary>
    public static string BuildConfiguration =>
        typeof(BenchEnvironment).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "BuildConfiguration")?.Value ?? "Release";

    /// <summary>The folder holding Haven.slnx, searched upwards from this assembly's folder.</summary>
    public static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Haven.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException($"Haven.slnx not found above {AppContext.BaseDirectory}; pass --repo.");
    }

    /// <summary>Full path of an executable on PATH, or null.</summary>
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>The dotnet host running this process, so child servers use the same runtime.</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? path
            : FindOnPath("dotnet") ?? "dotnet";
}
