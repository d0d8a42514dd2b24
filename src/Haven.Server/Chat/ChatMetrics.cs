using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Haven.Server.Chat;

/// <summary>
/// Metrics and traces of the message path (exported through OpenTelemetry). Names follow the
/// OpenTelemetry conventions: lower-case, dotted, with units.
/// </summary>
public sealed class ChatMetrics : IDisposable
{
    public const string MeterName = "Haven.Chat";
    public static readonly ActivitySource ActivitySource = new(MeterName);

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _gateTime;
    private readonly Histogram<double> _ackLatency;
    private readonly Histogram<double> _commitLatency;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _batchTime;
    private readonly UpDownCounter<long> _connections;

    public ChatMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _messages = _meter.CreateCounter<long>("haven.chat.messages", "{message}", "Messages stored and delivered.");
        _refused = _meter.CreateCounter<long>("haven.chat.refused", "{message}", "Messages refused, by reason code.");
        _gateTime = _meter.CreateHistogram<double>("haven.chat.gate.duration", "ms", "Time spent in message gates (consent, safety scan, limits).");
        _ackLatency = _meter.CreateHistogram<double>("haven.chat.ack.duration", "ms", "From receiving a send to acknowledging it.");
        _commitLatency = _meter.CreateHistogram<double>("haven.chat.commit.duration", "ms", "From enqueueing a message to its commit.");
        _batchSize = _meter.CreateHistogram<int>("haven.chat.write.batch_size", "{message}", "Messages per group commit.");
        _batchTime = _meter.CreateHistogram<double>("haven.chat.write.batch.duration", "ms", "Time to write one batch.");
        _connections = _meter.CreateUpDownCounter<long>("haven.chat.connections", "{connection}", "Open hub connections on this node.");
    }

    public void ObserveQueueDepth(Func<int> depth) =>
        _meter.CreateObservableGauge("haven.chat.write.queue_depth", depth, "{message}", "Messages waiting for the writer.");

    public void MessageStored() => _messages.Add(1);
    public void Refused(string code) => _refused.Add(1, new KeyValuePair<string, object?>("code", code));
    public void RecordGates(TimeSpan elapsed) => _gateTime.Record(elapsed.TotalMilliseconds);
    public void RecordAck(TimeSpan elapsed) => _ackLatency.Record(elapsed.TotalMilliseconds);
    public void RecordCommitLatency(TimeSpan elapsed) => _commitLatency.Record(elapsed.TotalMilliseconds);

    public void RecordBatch(int size, TimeSpan elapsed)
    {
        _batchSize.Record(size);
        _batchTime.Record(elapsed.TotalMilliseconds);
    }

    public void Connected() => _connections.Add(1);
    public void Disconnected() => _connections.Add(-1);

    public void Dispose() => _meter.Dispose();
}
