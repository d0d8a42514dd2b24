using BenchmarkDotNet.Attributes;
using Haven.Safety;
using Haven.Safety.Conversation;
using Haven.Safety.Detection;

namespace Haven.Benchmarks;

/// <summary>
/// Single-message scan and conversation update on typical chat messages (EN and ID), against a
/// baseline naive keyword filter (ToLowerInvariant + Contains) measured in the same run. Each operation
/// processes the 8 messages of one language, so per-message cost is the reported time / 8.
/// </summary>
[MemoryDiagnoser]
public class SafetyScanBenchmarks
{
    private readonly SafetyEngine _engine = new();
    private readonly ConversationRiskTracker _tracker = new();
    private readonly ConversationRiskState _state = new() { ConversationId = "bench" };
    private string[] _messages = [];

    [Params("en", "id")]
    public string Language { get; set; } = "en";

    [GlobalSetup]
    public void Setup()
    {
        _messages = Language == "en" ? ChatMessages.English : ChatMessages.Indonesian;
        foreach (var message in _messages)
            _engine.Scan(message);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 8)]
    public int KeywordBaseline()
    {
        var hits = 0;
        foreach (var message in _messages)
        {
            var lower = message.ToLowerInvariant();
            foreach (var keyword in ChatMessages.BaselineKeywords)
                if (lower.Contains(keyword, StringComparison.Ordinal))
                    hits++;
        }

        return hits;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public int Scan()
    {
        var signals = 0;
        foreach (var message in _messages)
            signals += _engine.Scan(message).Signals.Count;
        return signals;
    }

    [Benchmark(OperationsPerInvoke = 8)]
    public ConversationRisk ScanAndUpdateConversation()
    {
        var risks = ConversationRisk.None;
        for (var i = 0; i < _messages.Length; i++)
        {
            ScanResult scan = _engine.Scan(_messages[i]);
            risks = _tracker.Update(_state, (i & 1) == 0 ? "a" : "b", scan).Risks;
        }

        return risks;
    }
}
