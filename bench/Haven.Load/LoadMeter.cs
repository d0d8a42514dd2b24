using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;

namespace Haven.Load;

/// <summary>
/// Counts what happens to the messages scheduled inside one measurement window. Every message carries
/// its scheduled send time (Stopwatch ticks, this process's clock); deliveries, acks and failures are
/// attributed to the window by that time, so warm-up traffic and late stragglers never leak in.
/// Recording is lock-free (concurrent HdrHistogram, Interlocked counters): no allocation per message.
/// </summary>
public sealed class LoadMeter
{
    /// <summary>Microseconds; one minute is far beyond any latency worth reporting.</summary>
    private const long HighestLatencyMicros = 60_000_000;

    private readonly ConcurrentDictionary<string, int> _errorSamples = new(StringComparer.Ordinal);
    private long _windowStart = long.MaxValue;
    private long _windowEnd = long.MaxValue;
    private LongConcurrentHistogram _latency = NewHistogram();
    private LongConcurrentHistogram _sendLag = NewHistogram();
    private long _sent;
    private long _shed;
    private long _acked;
    private long _failed;
    private long _delivered;
    private long _observed;
    private long _runStart = long.MaxValue;
    private long _inFlight;

    public static double TicksPerMicrosecond { get; } = Stopwatch.Frequency / 1_000_000.0;

    /// <summary>Messages sent and not yet acknowledged or failed, in or out of the window.</summary>
    public long InFlight => Interlocked.Read(ref _inFlight);

    /// <param name="runStart">When this run's first message was scheduled (warm-up included).</param>
    public void BeginWindow(long runStart, long start, long end)
    {
        _latency = NewHistogram();
        _sendLag = NewHistogram();
        Interlocked.Exchange(ref _sent, 0);
        Interlocked.Exchange(ref _shed, 0);
        Interlocked.Exchange(ref _acked, 0);
        Interlocked.Exchange(ref _failed, 0);
        Interlocked.Exchange(ref _delivered, 0);
        Interlocked.Exchange(ref _observed, 0);
        Volatile.Write(ref _runStart, runStart);
        _errorSamples.Clear();
        Volatile.Write(ref _windowEnd, end);
        Volatile.Write(ref _windowStart, start);
    }

    private bool InWindow(long scheduled) => scheduled >= Volatile.Read(ref _windowStart) && scheduled < Volatile.Read(ref _windowEnd);

    /// <summary>The generator hands a message to a client at <paramref name="now"/>, scheduled for <paramref name="scheduled"/>.</summary>
    public void Sending(long scheduled, long now)
    {
        Interlocked.Increment(ref _inFlight);
        if (!InWindow(scheduled))
            return;
        Interlocked.Increment(ref _sent);
        _sendLag.RecordValue(ToMicros(now - scheduled));
    }

    /// <summary>The generator dropped a message because too many were outstanding (the target is saturated).</summary>
    public void Shed(long scheduled)
    {
        if (!InWindow(scheduled))
            return;
        Interlocked.Increment(ref _sent);
        Interlocked.Increment(ref _shed);
    }

    public void Acked(long scheduled)
    {
        Interlocked.Decrement(ref _inFlight);
        if (InWindow(scheduled))
            Interlocked.Increment(ref _acked);
    }

    public void Failed(long scheduled, Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Interlocked.Decrement(ref _inFlight);
        if (!InWindow(scheduled))
            return;
        Interlocked.Increment(ref _failed);
        // A handful of distinct messages is enough to say why; the count says how often.
        var key = error.GetType().Name + ": " + error.Message;
        if (_errorSamples.Count < 8 || _errorSamples.ContainsKey(key))
            _errorSamples.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    /// <summary>A recipient got the message scheduled at <paramref name="scheduled"/>.</summary>
    public void Delivered(long scheduled)
    {
        var now = Stopwatch.GetTimestamp();
        // Throughput as the server achieves it: this run's messages arriving during the window,
        // whenever they were scheduled (an overloaded server delivers old messages, not none).
        if (scheduled >= Volatile.Read(ref _runStart) && now >= Volatile.Read(ref _windowStart) && now < Volatile.Read(ref _windowEnd))
            Interlocked.Increment(ref _observed);
        if (!InWindow(scheduled))
            return;
        Interlocked.Increment(ref _delivered);
        _latency.RecordValue(ToMicros(now - scheduled));
    }

    /// <summary>True once every message of the window was delivered, failed or shed.</summary>
    public bool Settled =>
        Interlocked.Read(ref _delivered) + Interlocked.Read(ref _failed) + Interlocked.Read(ref _shed) >= Interlocked.Read(ref _sent);

    /// <summary>Forgets outstanding messages, after their connections were closed and will never answer.</summary>
    public void ResetInFlight() => Interlocked.Exchange(ref _inFlight, 0);

    public WindowCounts Snapshot() => new(
        Interlocked.Read(ref _sent), Interlocked.Read(ref _shed), Interlocked.Read(ref _acked),
        Interlocked.Read(ref _failed), Interlocked.Read(ref _delivered), Interlocked.Read(ref _observed),
        _latency.Copy(), _sendLag.Copy(),
        _errorSamples.OrderByDescending(e => e.Value).Select(e => $"{e.Value}× {e.Key}").ToList());

    private static long ToMicros(long ticks) => Math.Clamp((long)(ticks / TicksPerMicrosecond), 1, HighestLatencyMicros);

    private static LongConcurrentHistogram NewHistogram() => new(1, HighestLatencyMicros, 3);
}

public sealed record WindowCounts(long Sent, long Shed, long Acked, long Failed, long Delivered, long Observed,
    HistogramBase Latency, HistogramBase SendLag, IReadOnlyList<string> ErrorSamples);
