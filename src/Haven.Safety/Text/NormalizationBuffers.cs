namespace Haven.Safety.Text;

/// <summary>Two reusable buffers the normalizer ping-pongs between; one set per thread.</summary>
internal sealed class NormalizationBuffers
{
    public NormalizedText A { get; } = new();

    public NormalizedText B { get; } = new();

    [ThreadStatic]
    private static NormalizationBuffers? _current;

    public static NormalizationBuffers Current => _current ??= new NormalizationBuffers();
}
