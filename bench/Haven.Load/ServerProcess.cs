using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Haven.Load;

/// <summary>
/// A target server started by the benchmark as a child process on a free loopback port, its output
/// going to a log file; sampled through /proc (CPU ticks, VmRSS, VmHWM). Killed on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();

    private ServerProcess(Process process, StreamWriter log, Uri baseAddress)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process and waits until <paramref name="healthPath"/> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string fileName, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, string workingDirectory, string logPath, int port,
        string healthPath, TimeSpan timeout, CancellationToken ct)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
            info.Environment[key] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var server = new ServerProcess(process, log, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitHealthyAsync(healthPath, timeout, logPath, ct);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    private void Log(string? line)
    {
        if (line is null)
            return;
        lock (_logLock)
            _log.WriteLine(line);
    }

    private async Task WaitHealthyAsync(string healthPath, TimeSpan timeout, string logPath, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before it was ready; see {logPath}");
            try
            {
                using var response = await http.GetAsync(healthPath, ct);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Busy starting; ask again.
            }
            if (Stopwatch.GetTimestamp() > deadline)
                throw new TimeoutException($"{_process.StartInfo.FileName} did not answer {healthPath} within {timeout.TotalSeconds:0} s; see {logPath}");
            await Task.Delay(200, ct);
        }
    }

    public ProcSample Sample() => ProcSample.Read(_process.Id);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            // It did not die in time; the OS reaps it with us.
        }
        _process.Dispose();
        lock (_logLock)
            _log.Dispose();
    }
}

/// <summary>One look at a process (or the whole machine) through /proc.</summary>
public readonly record struct ProcSample(long Timestamp, long CpuTicks, long RssBytes, long PeakRssBytes)
{
    /// <summary>USER_HZ: fixed at 100 by the Linux ABI on the architectures .NET runs on.</summary>
    public const double ClockTicksPerSecond = 100;

    public static ProcSample Read(int pid)
    {
        var now = Stopwatch.GetTimestamp();
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces; fields after its closing ')' are plain.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var cpu = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long rss = 0, hwm = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    rss = KiloBytes(line);
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    hwm = KiloBytes(line);
            }
            return new ProcSample(now, cpu, rss * 1024, hwm * 1024);
        }
        catch (IOException)
        {
            return new ProcSample(now, 0, 0, 0);
        }
    }

    private static long KiloBytes(string line) =>
        long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture);

    /// <summary>CPU used between two samples in percent of one core.</summary>
    public static double CpuPercent(ProcSample from, ProcSample to)
    {
        var seconds = (to.Timestamp - from.Timestamp) / (double)Stopwatch.Frequency;
        return seconds <= 0 ? 0 : (to.CpuTicks - from.CpuTicks) / ClockTicksPerSecond / seconds * 100;
    }
}

/// <summary>Whole-machine CPU from /proc/stat: busy and total jiffies over all cores.</summary>
public readonly record struct MachineSample(long Busy, long Total)
{
    public static MachineSample Read()
    {
        var first = File.ReadLines("/proc/stat").First();
        var values = first.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var idle = values[3] + (values.Length > 4 ? values[4] : 0);
        var total = values.Take(8).Sum();
        return new MachineSample(total - idle, total);
    }

    /// <summary>Busy share of all cores, in percent of one core (so 2 busy cores = 200).</summary>
    public static double BusyPercent(MachineSample from, MachineSample to) =>
        to.Total == from.Total ? 0 : (to.Busy - from.Busy) / (double)(to.Total - from.Total) * Environment.ProcessorCount * 100;

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "";
}
