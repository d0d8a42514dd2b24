namespace Haven.Safety.Models;

/// <summary>
/// One classifier inside a <see cref="SpamModel"/>: its classes, which of them is the harmless one, its
/// licence, and fingerprints of the texts it was trained on (so an evaluation can leave them out).
/// </summary>
public sealed class SpamModelHead
{
    private readonly string[] _classes;
    private readonly ulong[] _trainingFingerprints;

    /// <param name="name">A short identifier such as "sms-en".</param>
    /// <param name="license">The licence the weights carry, inherited from the training data.</param>
    /// <param name="classes">Class names; two classes make a logistic (one-logit) head, more a softmax head.</param>
    /// <param name="benignClass">Index of the harmless class ("ham", "normal").</param>
    /// <param name="trainingFingerprints"><see cref="StableHash.Hash64"/> of every training text.</param>
    public SpamModelHead(string name, string license, IEnumerable<string> classes, int benignClass, IEnumerable<ulong> trainingFingerprints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(license);
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(trainingFingerprints);
        _classes = classes.ToArray();
        if (_classes.Length < 2)
            throw new ArgumentException("A head needs at least two classes.", nameof(classes));
        if (_classes.Distinct(StringComparer.Ordinal).Count() != _classes.Length)
            throw new ArgumentException("Class names must be distinct.", nameof(classes));
        ArgumentOutOfRangeException.ThrowIfNegative(benignClass);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(benignClass, _classes.Length);
        Name = name;
        License = license;
        BenignClass = benignClass;
        _trainingFingerprints = trainingFingerprints.Distinct().Order().ToArray();
    }

    public string Name { get; }

    public string License { get; }

    public IReadOnlyList<string> Classes => _classes;

    public int BenignClass { get; }

    /// <summary>Two classes are scored with one logit and a sigmoid, more with one logit per class and a softmax.</summary>
    public int LogitCount => _classes.Length == 2 ? 1 : _classes.Length;

    public IReadOnlyList<ulong> TrainingFingerprints => _trainingFingerprints;

    /// <summary>Whether this exact text was a training example of this head.</summary>
    public bool WasTrainedOn(ReadOnlySpan<char> text) =>
        Array.BinarySearch(_trainingFingerprints, StableHash.Hash64(text)) >= 0;

    /// <summary>Index of <paramref name="className"/> among this head's classes, or -1.</summary>
    public int IndexOf(string className) => Array.IndexOf(_classes, className);
}
