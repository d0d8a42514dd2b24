using Haven.Safety.Detection;
using Haven.Safety.Detectors;
using Haven.Safety.Lexicon;

namespace Haven.Safety;

/// <summary>
/// Scans one message: normalize, tokenize, match the cue lexicon once, read ages, personal data and
/// links once, then let each detector combine what was found into signals. Thread-safe; per-thread
/// buffers are reused so a clean message allocates nothing.
/// </summary>
public sealed class SafetyEngine
{
    private readonly IDetector[] _detectors;
    private readonly SafetyEngineOptions _options;
    private readonly PhraseLexicon _lexicon = PhraseLexicon.Default;

    [ThreadStatic]
    private static List<Signal>? _signals;

    public SafetyEngine(SafetyEngineOptions? options = null)
    {
        _options = options ?? new SafetyEngineOptions();
        List<IDetector> detectors =
        [
            new MinorDetector(), new GroomingDetector(), new SolicitationDetector(), new TraffickingDetector(),
            new CoercionDetector(), new SextortionDetector(), new MoneyRequestDetector(), new OffPlatformDetector(),
            new PiiDetector(), new PhishingDetector(),
        ];
        if (_options.SpamModel is { } model)
            detectors.Add(new SpamDetector(model, _options.SpamThreshold));
        _detectors = [.. detectors];
    }

    public ScanResult Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var context = ScanContext.Current;
        context.Load(text, _lexicon);
        context.Reported = ReportFrame.Read(context);
        context.Ages = AgeReader.Read(context);
        context.Pii = PiiScanner.Scan(context);
        context.Links = LinkScanner.Scan(context, _options.PlatformNames, _options.TrustedHosts);
        var signals = _signals ??= new List<Signal>(4);
        signals.Clear();
        foreach (var detector in _detectors)
            detector.Detect(context, signals);
        var ages = context.Ages;
        var (transcript, youth) = text.Length >= TranscriptProfile.MinLength ? TranscriptProfile.Read(context) : (0, false);
        var facts = new MessageFacts(ages.MinorSelf, ages.MinorOther, ages.AdultSelf, ages.BareTeen, context.HasAmount, transcript,
            text.Length >= TranscriptProfile.LongTextLength, youth, context.Reported);
        if (signals.Count == 0 && context.Cues.IsEmpty && facts == MessageFacts.None)
            return ScanResult.Clean;
        return new ScanResult(signals.Count == 0 ? [] : [.. signals], context.Cues, facts);
    }
}
