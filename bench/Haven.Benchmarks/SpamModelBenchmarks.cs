using BenchmarkDotNet.Attributes;
using Haven.Safety.Models;

namespace Haven.Benchmarks;

/// <summary>
/// Cost of scoring one typical chat message with the shipped spam models. The baseline is one plain
/// pass over the characters (lower-casing and classifying each), the floor any featurizer pays, so the
/// ratio shows what hashing and weight lookups add on top of merely reading the text.
/// </summary>
[MemoryDiagnoser]
public class SpamModelBenchmarks
{
    private const string English = "hey, are you still free tonight? I could pick you up around 8 and we grab dinner first";
    private const string Indonesian = "nanti malam jadi ketemu kan? aku jemput jam 8 ya, kita makan dulu sebelum nonton";

    private SpamModel _combined = null!;
    private SpamModel _english = null!;

    [GlobalSetup]
    public void Setup()
    {
        _combined = SpamModel.LoadDefault();
        _english = SpamModel.LoadDefaultEnglish();
    }

    [Benchmark(Baseline = true)]
    public int ReadCharacters()
    {
        var letters = 0;
        foreach (var c in English.AsSpan())
        {
            if (char.IsLetterOrDigit(char.ToLowerInvariant(c)))
                letters++;
        }

        return letters;
    }

    [Benchmark]
    public int FeaturizeOnly()
    {
        var sink = new CountingSink();
        SpamFeaturizer.Featurize(English, SpamFeaturizerSettings.Default, ref sink);
        return sink.Count;
    }

    [Benchmark]
    public float EnglishModelEnglishMessage() => _english.Score(English).NotBenign;

    [Benchmark]
    public float CombinedModelEnglishMessage() => _combined.Score(English).NotBenign;

    [Benchmark]
    public float CombinedModelIndonesianMessage() => _combined.Score(Indonesian).NotBenign;

    /// <summary>Counts features, so the featurizer's own cost can be told apart from weight lookups.</summary>
    private struct CountingSink : ISpamFeatureSink
    {
        public int Count { get; private set; }

        public void AddWord(int bucket) => Count += bucket & 1;

        public void AddChar(int bucket) => Count += bucket & 1;
    }
}
