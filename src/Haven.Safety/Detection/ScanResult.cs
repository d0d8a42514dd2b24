using Haven.Safety.Lexicon;

namespace Haven.Safety.Detection;

/// <summary>
/// Everything a message scan produced: the signals, the cues seen (for the conversation tracker)
/// and the facts the tracker needs about ages. Clean messages share <see cref="Clean"/>.
/// </summary>
public sealed record ScanResult(IReadOnlyList<Signal> Signals, CueSet Cues, MessageFacts Facts)
{
    public static ScanResult Clean { get; } = new([], default, MessageFacts.None);

    public bool Has(SignalKind kind) => Find(kind) is not null;

    public Signal? Find(SignalKind kind)
    {
        foreach (var signal in Signals)
            if (signal.Kind == kind)
                return signal;
        return null;
    }
}
