namespace Haven.Safety.Models;

/// <summary>
/// Linear spam/scam classifiers over <see cref="SpamFeaturizer"/> features, scored with plain span code
/// so that it can run on every chat message. Several heads (e.g. English spam and Indonesian
/// fraud/promotion) share one featurization pass: their weights are interleaved per feature, so each
/// feature costs one memory access whatever the number of heads.
/// </summary>
public sealed class SpamModel
{
    /// <summary>Most logits over all heads; bounds the stack space one score uses.</summary>
    public const int MaxLogits = SpamScore.MaxOutputs;

    private readonly SpamModelHead[] _heads;
    private readonly int[] _logitOffsets;
    private readonly int[] _outputOffsets;
    private readonly SpamWeightTable _table;
    private readonly float[] _denseWeights;
    private readonly float[] _biases;

    /// <param name="weights">Interleaved: the weight of feature f for logit l is at f * logitCount + l.</param>
    private SpamModel(SpamFeaturizerSettings settings, SpamModelHead[] heads, float[] weights, float[] biases)
    {
        settings.Validate();
        Settings = settings;
        _heads = heads;
        _logitOffsets = new int[heads.Length];
        _outputOffsets = new int[heads.Length];
        int logits = 0, outputs = 0;
        for (var h = 0; h < heads.Length; h++)
        {
            _logitOffsets[h] = logits;
            _outputOffsets[h] = outputs;
            logits += heads[h].LogitCount;
            outputs += heads[h].Classes.Count;
        }

        if (heads.Length == 0)
            throw new ArgumentException("A model needs at least one head.", nameof(heads));
        if (outputs > SpamScore.MaxOutputs)
            throw new ArgumentException($"A model may have at most {SpamScore.MaxOutputs} classes over all heads.", nameof(heads));
        if (weights.Length != settings.Dimension * logits || biases.Length != logits)
            throw new ArgumentException("Weights and biases do not match the heads and featurizer settings.", nameof(weights));
        LogitCount = logits;
        OutputCount = outputs;
        _table = new SpamWeightTable(weights, settings.BucketCount, logits);
        _denseWeights = weights.AsSpan(settings.BucketCount * logits).ToArray();
        _biases = biases;
    }

    public SpamFeaturizerSettings Settings { get; }

    public IReadOnlyList<SpamModelHead> Heads => _heads;

    public int LogitCount { get; }

    /// <summary>Number of class probabilities in a <see cref="SpamScore"/>.</summary>
    public int OutputCount { get; }

    /// <summary>Number of hashed buckets with a non-zero weight for some logit.</summary>
    public int NonZeroBuckets => _table.NonZeroRows;

    /// <summary>Where head <paramref name="head"/>'s class probabilities start in a <see cref="SpamScore"/>.</summary>
    public int OutputOffset(int head) => _outputOffsets[head];

    /// <summary>Builds a one-head model from trained weights.</summary>
    /// <param name="weights">One dense vector of <see cref="SpamFeaturizerSettings.Dimension"/> weights per logit.</param>
    /// <param name="biases">One bias per logit.</param>
    public static SpamModel Create(SpamFeaturizerSettings settings, SpamModelHead head, IReadOnlyList<float[]> weights, IReadOnlyList<float> biases)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(biases);
        settings.Validate();
        var logits = head.LogitCount;
        if (weights.Count != logits || biases.Count != logits)
            throw new ArgumentException($"Head '{head.Name}' needs {logits} weight vectors and biases.", nameof(weights));
        var dimension = settings.Dimension;
        var interleaved = new float[dimension * logits];
        for (var l = 0; l < logits; l++)
        {
            if (weights[l].Length != dimension)
                throw new ArgumentException($"Weight vectors must have {dimension} values.", nameof(weights));
            for (var f = 0; f < dimension; f++)
                interleaved[f * logits + l] = weights[l][f];
        }

        return new SpamModel(settings, [head], interleaved, biases.ToArray());
    }

    /// <summary>Combines models that use the same featurizer into one that scores all their heads in one pass.</summary>
    public static SpamModel Combine(params IReadOnlyList<SpamModel> models)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (models.Count == 0)
            throw new ArgumentException("Nothing to combine.", nameof(models));
        var settings = models[0].Settings;
        if (models.Any(m => m.Settings != settings))
            throw new ArgumentException("Only models with identical featurizer settings can be combined.", nameof(models));

        var heads = models.SelectMany(m => m._heads).ToArray();
        var logits = models.Sum(m => m.LogitCount);
        var dimension = settings.Dimension;
        var weights = new float[dimension * logits];
        var biases = new float[logits];
        var offset = 0;
        foreach (var model in models)
        {
            var own = model.LogitCount;
            for (var f = 0; f < dimension; f++)
            {
                for (var l = 0; l < own; l++)
                    weights[f * logits + offset + l] = model.Weight(f, l);
            }

            model._biases.CopyTo(biases, offset);
            offset += own;
        }

        return new SpamModel(settings, heads, weights, biases);
    }

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    public static SpamModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var file = SpamModelFile.Read(stream);
        var model = Create(file.Settings, file.Heads[0].Head, file.Heads[0].Weights, file.Heads[0].Biases);
        return file.Heads.Count == 1
            ? model
            : Combine([model, .. file.Heads.Skip(1).Select(h => Create(file.Settings, h.Head, h.Weights, h.Biases))]);
    }

    /// <summary>Reads a model file from disk.</summary>
    public static SpamModel Load(string path)
    {
        using var stream = File.OpenRead(path);
        return Load(stream);
    }

    /// <summary>The shipped models (English spam, CC BY 4.0; Indonesian fraud/promotion, CC BY-SA 4.0) combined.</summary>
    public static SpamModel LoadDefault() => DefaultModels.Combined;

    /// <summary>The shipped English spam model alone (CC BY 4.0).</summary>
    public static SpamModel LoadDefaultEnglish() => DefaultModels.English;

    /// <summary>The shipped Indonesian normal/fraud/promotion model alone (CC BY-SA 4.0).</summary>
    public static SpamModel LoadDefaultIndonesian() => DefaultModels.Indonesian;

    /// <summary>Writes the model in the compact file format <see cref="Load(Stream)"/> reads.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var heads = new List<SpamModelFile.HeadData>(_heads.Length);
        for (var h = 0; h < _heads.Length; h++)
        {
            var own = _heads[h].LogitCount;
            var vectors = new float[own][];
            for (var l = 0; l < own; l++)
            {
                var vector = new float[Settings.Dimension];
                for (var f = 0; f < vector.Length; f++)
                    vector[f] = Weight(f, _logitOffsets[h] + l);
                vectors[l] = vector;
            }

            heads.Add(new SpamModelFile.HeadData(_heads[h], vectors, _biases.AsSpan(_logitOffsets[h], own).ToArray()));
        }

        SpamModelFile.Write(stream, new SpamModelFile.Contents(Settings, heads));
    }

    /// <summary>Scores one message. Allocation-free; cost is linear in the message length (up to <see cref="SpamFeaturizerSettings.MaxChars"/>).</summary>
    public SpamScore Score(ReadOnlySpan<char> text)
    {
        var logitCount = LogitCount;
        Span<float> sums = stackalloc float[3 * MaxLogits];
        var wordSums = sums[..logitCount];
        var charSums = sums.Slice(MaxLogits, logitCount);
        var logits = sums.Slice(2 * MaxLogits, logitCount);

        var sink = new WeightSumSink(_table, wordSums, charSums);
        var dense = SpamFeaturizer.Featurize(text, Settings, ref sink);
        Span<float> denseValues = stackalloc float[SpamDenseFeatures.Count];
        dense.CopyTo(denseValues);

        var wordScale = sink.WordCount == 0 ? 0f : 1f / MathF.Sqrt(sink.WordCount);
        var charScale = sink.CharCount == 0 ? 0f : 1f / MathF.Sqrt(sink.CharCount);
        var denseWeights = _denseWeights.AsSpan();
        for (var l = 0; l < logitCount; l++)
        {
            var z = _biases[l] + wordSums[l] * wordScale + charSums[l] * charScale;
            for (var j = 0; j < denseValues.Length; j++)
                z += denseValues[j] * denseWeights[j * logitCount + l];
            logits[l] = z;
        }

        Span<float> probabilities = stackalloc float[SpamScore.MaxOutputs];
        for (var h = 0; h < _heads.Length; h++)
        {
            var head = _heads[h];
            var output = probabilities.Slice(_outputOffsets[h], head.Classes.Count);
            var own = logits.Slice(_logitOffsets[h], head.LogitCount);
            if (head.LogitCount == 1)
            {
                var positive = 1f / (1f + MathF.Exp(-own[0]));
                output[head.BenignClass] = 1f - positive;
                output[1 - head.BenignClass] = positive;
            }
            else
            {
                Softmax(own, output);
            }
        }

        return new SpamScore(this, probabilities[..OutputCount]);
    }

    /// <summary>The raw linear score of every logit, for comparing with the trainer's own output.</summary>
    public void ScoreLogits(ReadOnlySpan<char> text, Span<float> logits)
    {
        if (logits.Length < LogitCount)
            throw new ArgumentException($"Needs room for {LogitCount} logits.", nameof(logits));
        var vector = SpamFeatureVector.Build(text, Settings);
        for (var l = 0; l < LogitCount; l++)
        {
            var z = _biases[l];
            for (var i = 0; i < vector.Indices.Length; i++)
                z += vector.Values[i] * Weight(vector.Indices[i], l);
            logits[l] = z;
        }
    }

    /// <summary>The weight of feature <paramref name="feature"/> (bucket or dense feature) for logit <paramref name="logit"/>.</summary>
    private float Weight(int feature, int logit) =>
        feature < Settings.BucketCount
            ? _table.Get(feature, logit)
            : _denseWeights[(feature - Settings.BucketCount) * LogitCount + logit];

    private static void Softmax(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var max = float.NegativeInfinity;
        foreach (var z in logits)
            max = Math.Max(max, z);
        var total = 0f;
        for (var i = 0; i < logits.Length; i++)
        {
            probabilities[i] = MathF.Exp(logits[i] - max);
            total += probabilities[i];
        }

        for (var i = 0; i < logits.Length; i++)
            probabilities[i] /= total;
    }
}
