using Haven.Safety;
using Haven.Safety.Detection;

namespace Haven.Safety.Tests;

/// <summary>One shared engine (it is thread-safe) and helpers for asserting on labels.</summary>
internal static class Scanning
{
    public static SafetyEngine Engine { get; } = new();

    public static IReadOnlyList<string> Labels(string text) =>
        Engine.Scan(text).Signals.Select(s => s.Kind.ToLabel()).ToArray();

    public static bool Has(string text, SignalKind kind) => Engine.Scan(text).Has(kind);
}
