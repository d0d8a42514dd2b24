using Haven.Safety.Models;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

namespace Haven.Cli.Safety;

/// <summary>
/// Fits a linear classifier with ML.NET over <see cref="SpamFeatureVector"/> features and exports its
/// weights as a <see cref="SpamModel"/>, which scores without ML.NET. Two classes use L-BFGS logistic
/// regression, more use L-BFGS maximum entropy; both run single-threaded with a fixed seed so that the
/// same rows and options always give the same weights.
/// </summary>
public static class TrainModel
{
    public static SpamModel Train(IReadOnlyList<SmsRow> rows, TrainOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(options);
        if (rows.Count == 0)
            throw new ArgumentException("No training rows.", nameof(rows));

        var settings = options.Featurizer ?? SpamFeaturizerSettings.Default;
        var classes = OrderClasses(rows, options.Benign);
        if (classes.Count > SpamScore.MaxOutputs)
            throw new ArgumentException($"At most {SpamScore.MaxOutputs} classes are supported, found {classes.Count}.", nameof(rows));

        var vectors = rows.Select(r => SpamFeatureVector.Build(r.Text, settings)).ToArray();
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var head = new SpamModelHead(options.Name, options.License, classes, 0, rows.Select(r => StableHash.Hash64(r.Text)));
        var ml = new MLContext(options.Seed);

        return classes.Count == 2
            ? TrainBinary(ml, settings, head, rows, vectors, classIndex, options)
            : TrainMulticlass(ml, settings, head, rows, vectors, classIndex, options);
    }

    /// <summary>The benign class first, then the others in ordinal order, so class order never depends on row order.</summary>
    public static IReadOnlyList<string> OrderClasses(IReadOnlyList<SmsRow> rows, string? benign)
    {
        var labels = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var harmless = benign ?? TrainOptions.BenignNames.FirstOrDefault(labels.Contains)
            ?? throw new ArgumentException($"No harmless class found among [{string.Join(", ", labels)}]; name one with --benign.");
        if (!labels.Remove(harmless))
            throw new ArgumentException($"The harmless class '{harmless}' does not occur in the data.");
        if (labels.Count == 0)
            throw new ArgumentException("The data needs at least one class besides the harmless one.");
        return [harmless, .. labels];
    }

    private static SpamModel TrainBinary(MLContext ml, SpamFeaturizerSettings settings, SpamModelHead head,
        IReadOnlyList<SmsRow> rows, SpamFeatureVector[] vectors, Dictionary<string, int> classIndex, TrainOptions options)
    {
        var examples = rows.Select((r, i) => new BinaryExample { Label = classIndex[r.Label] == 1, Features = ToVBuffer(vectors[i]) });
        var data = ml.Data.LoadFromEnumerable(examples, Schema<BinaryExample>(settings.Dimension, null));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            L1Regularization = options.L1,
            L2Regularization = options.L2,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 1000,
        });
        var linear = trainer.Fit(data).Model.SubModel;
        var weights = new float[settings.Dimension];
        for (var f = 0; f < weights.Length; f++)
            weights[f] = linear.Weights[f];
        return SpamModel.Create(settings, head, [weights], [linear.Bias]);
    }

    private static SpamModel TrainMulticlass(MLContext ml, SpamFeaturizerSettings settings, SpamModelHead head,
        IReadOnlyList<SmsRow> rows, SpamFeatureVector[] vectors, Dictionary<string, int> classIndex, TrainOptions options)
    {
        // Key values are 1-based (0 means missing), so class i is key i + 1 and the trainer's class order is ours.
        var examples = rows.Select((r, i) => new KeyExample { Label = (uint)classIndex[r.Label] + 1, Features = ToVBuffer(vectors[i]) });
        var data = ml.Data.LoadFromEnumerable(examples, Schema<KeyExample>(settings.Dimension, (ulong)head.Classes.Count));
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            L1Regularization = options.L1,
            L2Regularization = options.L2,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 1000,
        });
        var parameters = trainer.Fit(data).Model;
        VBuffer<float>[] buffers = [];
        parameters.GetWeights(ref buffers, out var classCount);
        if (classCount != head.Classes.Count)
            throw new InvalidOperationException($"The trainer produced {classCount} classes instead of {head.Classes.Count}.");
        var weights = buffers.Select(b => b.DenseValues().ToArray()).ToArray();
        return SpamModel.Create(settings, head, weights, parameters.GetBiases().ToArray());
    }

    private static VBuffer<float> ToVBuffer(SpamFeatureVector vector) =>
        new(vector.Dimension, vector.Indices.Length, vector.Values, vector.Indices);

    private static SchemaDefinition Schema<T>(int dimension, ulong? keyCount)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(BinaryExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        if (keyCount is { } count)
            schema[nameof(KeyExample.Label)].ColumnType = new KeyDataViewType(typeof(uint), count);
        return schema;
    }

    private sealed class BinaryExample
    {
        public bool Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }

    private sealed class KeyExample
    {
        public uint Label { get; set; }

        public VBuffer<float> Features { get; set; }
    }
}
