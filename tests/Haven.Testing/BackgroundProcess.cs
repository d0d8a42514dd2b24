using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Haven.Testing;

/// <summary>
/// A long-running child process (a server node, a load generator) with its output captured
/// (the last 256 KB, stdout and stderr interleaved). It can be waited on, stopped with SIGTERM,
/// or killed like <c>kill -9</c>; disposing kills it. Processes still running when the test
/// process exits are killed then.
/// </summary>
public sealed class BackgroundProcess : IAsyncDisposable
{
    private const int MaxOutputChars = 256 * 1024;
    private static readonly List<BackgroundProcess> Running = [];
    private static int exitHookInstalled;

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string command;
    private bool disposed;

    private BackgroundProcess(Process process, string command)
    {
        this.process = process;
        this.command = command;
    }

    /// <summary>Raised for every line the process writes (from a thread-pool thread).</summary>
    public event EventHandler<string>? LineReceived;

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code, or null while running.</summary>
    public int? ExitCode => process.HasExited ? process.ExitCode : null;

    /// <summary>What the process has written so far (the last 256 KB).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts a program in the background. <see cref="ProcessRunOptions.Timeout"/> and <see cref="ProcessRunOptions.StandardInput"/> are not used.</summary>
    public static BackgroundProcess Start(string fileName, IEnumerable<string> arguments, ProcessRunOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentNullException.ThrowIfNull(arguments);
        options ??= new ProcessRunOptions();
        var argumentList = arguments.ToList();
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

        var command = options.HideArguments || argumentList.Count == 0 ? fileName : fileName + " " + string.Join(' ', argumentList);
        var process = new Process { StartInfo = startInfo };
        var background = new BackgroundProcess(process, command);
        process.OutputDataReceived += (_, e) => background.Append(e.Data);
        process.ErrorDataReceived += (_, e) => background.Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            process.Dispose();
            throw new TestDependencyMissingException($"Could not start '{fileName}': {exception.Message}. Is it installed and on PATH?", exception);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (Running)
        {
            Running.Add(background);
        }

        if (Interlocked.Exchange(ref exitHookInstalled, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllRunning();
        }

        return background;
    }

    /// <summary>Waits until a TCP port on 127.0.0.1 accepts connections; throws on timeout.</summary>
    public static async Task WaitForPortAsync(int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException exception)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"Nothing listened on 127.0.0.1:{port} within {timeout.TotalSeconds:0.#} s."), exception);
            }
        }
    }

    /// <summary>Waits until the process's output contains <paramref name="text"/>; throws (with the output) on timeout or exit.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(text);
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                if (Output.Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                throw new InvalidOperationException($"'{command}' exited with code {process.ExitCode} before printing '{text}'.{Environment.NewLine}{Tail()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{command}' did not print '{text}' within {timeout.TotalSeconds:0.#} s.{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the process to exit; throws on timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"'{command}' did not exit within {timeout.TotalSeconds:0.#} s.");
        }

        return process.ExitCode;
    }

    /// <summary>Kills the process and its children at once (SIGKILL), like <c>kill -9</c>.</summary>
    public void Kill() => ProcessRunner.KillTree(process);

    /// <summary>Asks the process to stop (SIGTERM), then kills it if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process.HasExited)
        {
            return;
        }

        await ProcessRunner.RunAsync("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)], new ProcessRunOptions { Timeout = TimeSpan.FromSeconds(10) }).ConfigureAwait(false);
        using var limit = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        Kill();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Reported by the test that needed it gone; nothing more to do here.
        }

        lock (Running)
        {
            Running.Remove(this);
        }

        process.Dispose();
    }

    private static void KillAllRunning()
    {
        BackgroundProcess[] running;
        lock (Running)
        {
            running = [.. Running];
        }

        foreach (var background in running)
        {
            background.Kill();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Append(line).Append('\n');
            if (output.Length > MaxOutputChars)
            {
                output.Remove(0, output.Length - MaxOutputChars);
            }
        }

        LineReceived?.Invoke(this, line);
    }

    private string Tail()
    {
        var text = Output;
        return "--- output ---" + Environment.NewLine + (text.Length <= 4000 ? text : "…" + text[^4000..]);
    }
}
