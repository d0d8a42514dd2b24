using Haven.Safety.Detection;
using Haven.Safety.Models;
using Haven.Safety.Text;

namespace Haven.Safety.Detectors;

/// <summary>
/// Bulk spam and scam messages as judged by a trained <see cref="SpamModel"/> (optional: without a
/// model the engine simply emits no spam signal). Evidence is the whole message: the model has no spans.
/// </summary>
internal sealed class SpamDetector(SpamModel model, double threshold) : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        var original = c.Text.Original;
        var probability = model.Score(original).NotBenign;
        if (probability >= threshold)
            signals.Add(SignalFactory.Create(SignalKind.Spam, probability, "spam.model", [new TextSpan(0, original.Length)]));
    }
}
