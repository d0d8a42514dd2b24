using System.Diagnostics;
using System.Text;

namespace Haven.Testing;

/// <summary>The outcome of a finished (or timed-out) command.</summary>
/// <param name="Command">The program and, unless hidden, its arguments; never environment values.</param>
/// <param name="ExitCode">The exit code, or -1 when the command timed out.</param>
/// <param name="StandardOutput">Everything the command wrote to standard output.</param>
/// <param name="StandardError">Everything the command wrote to standard error.</param>
/// <param name="TimedOut">True when the command was killed because it ran past its timeout.</param>
public sealed record ProcessResult(string Command, int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    /// <summary>True when the command finished in time with exit code 0.</summary>
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>Returns this result when it succeeded, else throws with the command's output.</summary>
    public ProcessResult EnsureSuccess()
    {
        if (Succeeded)
        {
            return this;
        }

        var what = TimedOut ? "timed out" : $"exited with code {ExitCode}";
        throw new InvalidOperationException(
            $"Command '{Command}' {what}.{Environment.NewLine}" +
            $"--- stdout ---{Environment.NewLine}{Tail(StandardOutput)}{Environment.NewLine}" +
            $"--- stderr ---{Environment.NewLine}{Tail(StandardError)}");
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "…" + text[^4000..];
}

/// <summary>Options for <see cref="ProcessRunner.RunAsync(string, IEnumerable{string}, ProcessRunOptions?, CancellationToken)"/>.</summary>
public sealed record ProcessRunOptions
{
    /// <summary>How long the command may run before it (and its children) are killed. Default: 60 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Working directory; default: the current directory.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Extra environment variables (a null value removes a variable). Their values are never reported.</summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; init; }

    /// <summary>When true, the arguments are left out of <see cref="ProcessResult.Command"/> and error messages (use for secrets).</summary>
    public bool HideArguments { get; init; }

    /// <summary>Text written to the command's standard input, which is then closed.</summary>
    public string? StandardInput { get; init; }
}

/// <summary>Runs external commands with a timeout, capturing their output.</summary>
public static class ProcessRunner
{
    /// <summary>Runs a program to completion (or until the timeout kills it) and returns what it printed.</summary>
    public static async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        ProcessRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new ProcessRunOptions();
        var argumentList = arguments.ToList();
        var command = options.HideArguments || argumentList.Count == 0
            ? fileName
            : fileName + " " + string.Join(' ', argumentList.Select(Quote));

        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = options.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in argumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (options.Environment is not null)
        {
            foreach (var (name, value) in options.Environment)
            {
                if (value is null)
                {
                    startInfo.Environment.Remove(name);
                }
                else
                {
                    startInfo.Environment[name] = value;
                }
            }
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new TestDependencyMissingException($"Could not start '{fileName}': {exception.Message}. Is it installed and on PATH?", exception);
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            if (options.StandardInput is not null)
            {
                await process.StandardInput.WriteAsync(options.StandardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading its input; its exit code tells the rest.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillTree(process);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        // A background child that inherited the pipes could keep them open: don't wait on it forever.
        var output = await ReadWithGraceAsync(stdout).ConfigureAwait(false);
        var error = await ReadWithGraceAsync(stderr).ConfigureAwait(false);
        return new ProcessResult(command, timedOut ? -1 : process.ExitCode, output, error, timedOut);
    }

    /// <summary>Runs a program and throws (with its output) unless it exits with code 0.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        ProcessRunOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(fileName, arguments, options, cancellationToken).ConfigureAwait(false);
        return result.EnsureSuccess();
    }

    /// <summary>Finds an executable on PATH (like <c>which</c>); null when absent.</summary>
    public static string? FindOnPath(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? Path.GetFullPath(name) : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    internal static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited while being killed.
        }
    }

    private static async Task<string> ReadWithGraceAsync(Task<string> read)
    {
        var finished = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false);
        return finished == read ? await read.ConfigureAwait(false) : "(output still open after exit; not read)";
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
