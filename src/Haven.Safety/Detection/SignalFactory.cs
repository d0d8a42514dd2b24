using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>Builds a signal whose evidence is the first hit of each contributing cue, de-duplicated.</summary>
internal static class SignalFactory
{
    public static Signal Create(ScanContext c, SignalKind kind, double score, string key, params ReadOnlySpan<Cue> cues)
    {
        var evidence = new List<TextSpan>(cues.Length);
        foreach (var cue in cues)
            if (c.Evidence(cue) is { } span && !evidence.Contains(span))
                evidence.Add(span);
        return new Signal(kind, Math.Clamp(score, 0, 1), evidence, key);
    }

    public static Signal Create(SignalKind kind, double score, string key, List<TextSpan> evidence) =>
        new(kind, Math.Clamp(score, 0, 1), evidence, key);
}
