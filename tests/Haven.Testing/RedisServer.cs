using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Haven.Testing;

/// <summary>
/// A throwaway Redis server (<c>redis-server --port P --bind 127.0.0.1 --save '' --appendonly no</c>)
/// on a free loopback port, in its own temporary directory. It can be stopped and started again on
/// the same port (<see cref="RestartAsync"/>) to test reconnects. Use it as an xunit class fixture
/// or create and dispose one inside a test.
/// </summary>
public sealed class RedisServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private BackgroundProcess? process;
    private string? directory;
    private int port;
    private bool disposed;

    /// <summary>The host to connect to.</summary>
    public static string Host => "127.0.0.1";

    /// <summary>The TCP port; stays the same across restarts (0 before the first start).</summary>
    public int Port => port;

    /// <summary>The server's temporary directory (log, pid file); null before start and after dispose.</summary>
    public string? WorkingDirectory => directory;

    /// <summary>True while the server process runs.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>"127.0.0.1:port", the form StackExchange.Redis and the SignalR Redis backplane take.</summary>
    public string ConnectionString => port == 0
        ? throw new InvalidOperationException("The Redis server has not been started.")
        : string.Create(CultureInfo.InvariantCulture, $"{Host}:{port}");

    /// <summary>Finds <c>redis-server</c> (<c>$HAVEN_REDIS_SERVER</c>, else PATH, else /usr/bin).</summary>
    /// <exception cref="TestDependencyMissingException">Redis is not installed.</exception>
    public static string FindExecutable()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("HAVEN_REDIS_SERVER");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return File.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new TestDependencyMissingException($"HAVEN_REDIS_SERVER is set to '{fromEnvironment}', which does not exist.");
        }

        return ProcessRunner.FindOnPath("redis-server")
            ?? (File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : null)
            ?? throw new TestDependencyMissingException(
                "Redis is not installed: redis-server was not found on PATH. " +
                "Install the Debian package with 'apt-get install -y redis-server' (or run ./test.sh, which installs it).");
    }

    /// <summary>Starts the server (on a new free port the first time, on the same port after a stop) and waits for PONG.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (IsRunning)
            {
                return;
            }

            var executable = FindExecutable();
            directory ??= TestTempDirectory.Create("redis");
            var keepPort = port != 0;
            Exception? lastFailure = null;
            for (var attempt = 0; attempt < (keepPort ? 1 : 3); attempt++)
            {
                var candidatePort = keepPort ? port : FreePort.Next();
                try
                {
                    await StartProcessAsync(executable, candidatePort, cancellationToken).ConfigureAwait(false);
                    port = candidatePort;
                    return;
                }
                catch (InvalidOperationException exception)
                {
                    lastFailure = exception;
                    await KillProcessAsync().ConfigureAwait(false);
                }
            }

            throw new InvalidOperationException("Redis did not start.", lastFailure);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Stops the server. By default it is told to shut down without saving; with
    /// <paramref name="kill"/> it is killed (SIGKILL) as in a crash. The port and directory stay for a restart.
    /// </summary>
    public async Task StopAsync(bool kill = false)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (process is null)
            {
                return;
            }

            if (!kill && !process.HasExited)
            {
                try
                {
                    await SendCommandCoreAsync(port, ["SHUTDOWN", "NOSAVE"], CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is IOException or SocketException or InvalidOperationException)
                {
                    // The connection closes as the server exits; the wait below decides.
                }

                try
                {
                    await process.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Fall through to the kill.
                }
            }

            await KillProcessAsync().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops (gracefully, or by SIGKILL with <paramref name="kill"/>) and starts again on the same port; all data is gone.</summary>
    public async Task RestartAsync(bool kill = false, CancellationToken cancellationToken = default)
    {
        await StopAsync(kill).ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends PING and returns true on PONG; false when the server is unreachable.</summary>
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendCommandAsync(["PING"], cancellationToken).ConfigureAwait(false) == "PONG";
        }
        catch (Exception exception) when (exception is IOException or SocketException)
        {
            return false;
        }
    }

    /// <summary>
    /// Sends one command over a new connection and returns the reply: simple strings, errors
    /// (prefixed "ERR:"), integers and bulk strings as text, nil as null, arrays as lines joined by '\n'.
    /// </summary>
    public Task<string?> SendCommandAsync(IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        if (port == 0)
        {
            throw new InvalidOperationException("The Redis server has not been started.");
        }

        return SendCommandCoreAsync(port, command, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        await StopAsync(kill: true).ConfigureAwait(false);
        disposed = true;
        if (directory is not null)
        {
            await TestTempDirectory.DeleteAsync(directory).ConfigureAwait(false);
            directory = null;
        }

        gate.Dispose();
    }

    Task IAsyncLifetime.InitializeAsync() => StartAsync();

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync().ConfigureAwait(false);

    private static async Task<string?> SendCommandCoreAsync(int port, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = new StringBuilder();
        request.Append(CultureInfo.InvariantCulture, $"*{command.Count}\r\n");
        foreach (var part in command)
        {
            request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token).ConfigureAwait(false);
        var reader = new RespReader(stream);
        return await reader.ReadReplyAsync(timeout.Token).ConfigureAwait(false);
    }

    private async Task StartProcessAsync(string executable, int candidatePort, CancellationToken cancellationToken)
    {
        var dir = directory ?? throw new InvalidOperationException("No directory.");
        var logFile = Path.Combine(dir, "redis.log");
        // A background process, so that it is killed when the test host exits even if nothing disposes this server.
        // Its output is captured and dropped; the log goes to redis.log.
        process = BackgroundProcess.Start(executable,
        [
            "--port", candidatePort.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", string.Empty,
            "--appendonly", "no",
            "--daemonize", "no",
            "--dir", dir,
            "--pidfile", Path.Combine(dir, "redis.pid"),
            "--logfile", logFile,
        ], new ProcessRunOptions { WorkingDirectory = dir });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"redis-server exited with code {process.ExitCode} on port {candidatePort}.{Environment.NewLine}--- redis.log ---{Environment.NewLine}{ReadTail(logFile)}");
            }

            try
            {
                if (await SendCommandCoreAsync(candidatePort, ["PING"], cancellationToken).ConfigureAwait(false) == "PONG")
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"redis-server did not answer PING on port {candidatePort} within 30 s.{Environment.NewLine}--- redis.log ---{Environment.NewLine}{ReadTail(logFile)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task KillProcessAsync()
    {
        if (process is null)
        {
            return;
        }

        await process.DisposeAsync().ConfigureAwait(false);
        process = null;
    }

    private static string ReadTail(string file)
    {
        try
        {
            var text = File.Exists(file) ? File.ReadAllText(file) : "(no log)";
            return text.Length <= 3000 ? text : text[^3000..];
        }
        catch (IOException exception)
        {
            return $"(log unreadable: {exception.Message})";
        }
    }

    private sealed class RespReader(Stream stream)
    {
        private readonly byte[] buffer = new byte[4096];
        private int start;
        private int end;

        public async Task<string?> ReadReplyAsync(CancellationToken cancellationToken)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length == 0)
            {
                throw new IOException("Empty reply from Redis.");
            }

            var rest = line[1..];
            switch (line[0])
            {
                case '+':
                case ':':
                    return rest;
                case '-':
                    return "ERR:" + rest;
                case '$':
                    var length = int.Parse(rest, CultureInfo.InvariantCulture);
                    if (length < 0)
                    {
                        return null;
                    }

                    var data = await ReadExactAsync(length + 2, cancellationToken).ConfigureAwait(false);
                    return Encoding.UTF8.GetString(data, 0, length);
                case '*':
                    var count = int.Parse(rest, CultureInfo.InvariantCulture);
                    if (count < 0)
                    {
                        return null;
                    }

                    var items = new List<string?>(count);
                    for (var i = 0; i < count; i++)
                    {
                        items.Add(await ReadReplyAsync(cancellationToken).ConfigureAwait(false));
                    }

                    return string.Join('\n', items);
                default:
                    throw new IOException($"Unexpected Redis reply: {line}");
            }
        }

        private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var bytes = new List<byte>();
            while (true)
            {
                if (start == end)
                {
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                }

                var b = buffer[start++];
                if (b == '\n' && bytes.Count > 0 && bytes[^1] == '\r')
                {
                    return Encoding.UTF8.GetString([.. bytes[..^1]]);
                }

                bytes.Add(b);
            }
        }

        private async Task<byte[]> ReadExactAsync(int count, CancellationToken cancellationToken)
        {
            var result = new byte[count];
            var copied = 0;
            while (copied < count)
            {
                if (start == end)
                {
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                }

                var take = Math.Min(count - copied, end - start);
                Array.Copy(buffer, start, result, copied, take);
                start += take;
                copied += take;
            }

            return result;
        }

        private async Task FillAsync(CancellationToken cancellationToken)
        {
            start = 0;
            end = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (end == 0)
            {
                throw new IOException("Redis closed the connection.");
            }
        }
    }
}
