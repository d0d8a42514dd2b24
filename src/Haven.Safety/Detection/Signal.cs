using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>
/// One finding: what, how sure (0..1), where in the original text, and why
/// (<see cref="ExplanationKey"/> resolves to English or Indonesian via <see cref="Explanations"/>).
/// </summary>
public sealed record Signal(SignalKind Kind, double Score, IReadOnlyList<TextSpan> Evidence, string ExplanationKey);
