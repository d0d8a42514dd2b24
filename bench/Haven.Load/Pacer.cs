using System.Diagnostics;

namespace Haven.Load;

/// <summary>A client that sends one message to its peer without waiting for anything.</summary>
public interface ILoadClient
{
    /// <summary>Hands over a message scheduled at <paramref name="scheduled"/>; never blocks on the server.</summary>
    void Send(long scheduled);
}

/// <summary>
/// Open-loop pacing: message k is due at start + k / rate whatever happened to earlier messages,
/// so a slow server cannot slow the offered load down (no coordinated omission). Latency is measured
/// from the scheduled time; how late the generator itself was is recorded separately (send lag).
/// </summary>
public static class Pacer
{
    public static async Task<WindowCounts> RunAsync(IReadOnlyList<ILoadClient> clients, LoadMeter meter, double rate,
        TimeSpan warmup, TimeSpan duration, TimeSpan drainTimeout, long maxInFlight, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(meter);
        if (clients.Count == 0)
            throw new ArgumentException("no clients", nameof(clients));

        var frequency = (double)Stopwatch.Frequency;
        var ticksPerMessage = frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmup.TotalSeconds * frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * frequency);
        meter.BeginWindow(start, windowStart, windowEnd);

        long k = 0;
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= windowEnd)
                break;
            // Every message whose scheduled time has come: k / rate <= elapsed.
            var due = (long)((now - start) / ticksPerMessage) + 1;
            for (; k < due; k++)
            {
                var scheduled = start + (long)(k * ticksPerMessage);
                if (meter.InFlight >= maxInFlight)
                {
                    meter.Shed(scheduled);
                    continue;
                }
                clients[(int)(k % clients.Count)].Send(scheduled);
            }
            await Task.Delay(1, ct);
        }

        var drainDeadline = Stopwatch.GetTimestamp() + (long)(drainTimeout.TotalSeconds * frequency);
        while (!meter.Settled && Stopwatch.GetTimestamp() < drainDeadline)
            await Task.Delay(20, ct);
        return meter.Snapshot();
    }

    /// <summary>Waits for the acks of earlier windows so the next step starts from a quiet server.</summary>
    public static async Task QuiesceAsync(LoadMeter meter, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (meter.InFlight > 0 && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(50, ct);
    }
}
