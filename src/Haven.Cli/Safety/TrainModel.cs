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
        var scale = options.Idf ? TrainIdf.Compute(vectors, settings) : null;
        var classIndex = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var head = new SpamModelHead(options.Name, options.License, classes, 0, rows.Select(r => StableHash.Hash64(r.Text)));
        var ml = new MLContext(options.Seed);
        var classWeights = ClassWeights(rows, classIndex, options.ClassBalance);

        return classes.Count == 2
            ? TrainBinary(ml, settings, head, rows, vectors, scale, classIndex, classWeights, options)
            : TrainMulticlass(ml, settings, head, rows, vectors, scale, classIndex, classWeights, options);
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
        IReadOnlyList<SmsRow> rows, SpamFeatureVector[] vectors, float[]? scale, Dictionary<string, int> classIndex, float[] classWeights, TrainOptions options)
    {
        var examples = rows.Select((r, i) => new BinaryExample { Label = classIndex[r.Label] == 1, Weight = classWeights[classIndex[r.Label]], Features = ToVBuffer(vectors[i], scale) });
        var data = ml.Data.LoadFromEnumerable(examples, Schema<BinaryExample>(settings.Dimension));
        var trainer = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
        {
            ExampleWeightColumnName = nameof(BinaryExample.Weight),
            L1Regularization = options.L1,
            L2Regularization = options.L2,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 1000,
        });
        var linear = trainer.Fit(data).Model.SubModel;
        var weights = new float[settings.Dimension];
        for (var f = 0; f < weights.Length; f++)
            weights[f] = linear.Weights[f] * (scale?[f] ?? 1f);
        return SpamModel.Create(settings, head, [weights], [linear.Bias]);
    }

    private static SpamModel TrainMulticlass(MLContext ml, SpamFeaturizerSettings settings, SpamModelHead head,
        IReadOnlyList<SmsRow> rows, SpamFeatureVector[] vectors, float[]? scale, Dictionary<string, int> classIndex, float[] classWeights, TrainOptions options)
    {
        // Keys are assigned in the order of the key data, so the trainer's class i is our class i.
        var examples = rows.Select((r, i) => new LabelledExample { Label = r.Label, Weight = classWeights[classIndex[r.Label]], Features = ToVBuffer(vectors[i], scale) });
        var data = ml.Data.LoadFromEnumerable(examples, Schema<LabelledExample>(settings.Dimension));
        var keyData = ml.Data.LoadFromEnumerable(head.Classes.Select(c => new ClassName { Label = c }));
        var trainer = ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(new LbfgsMaximumEntropyMulticlassTrainer.Options
        {
            ExampleWeightColumnName = nameof(BinaryExample.Weight),
            L1Regularization = options.L1,
            L2Regularization = options.L2,
            NumberOfThreads = 1,
            OptimizationTolerance = 1e-7f,
            MaximumNumberOfIterations = 1000,
        });
        var parameters = ml.Transforms.Conversion.MapValueToKey(nameof(LabelledExample.Label), keyData: keyData)
            .Append(trainer).Fit(data).LastTransformer.Model;
        VBuffer<float>[] buffers = [];
        parameters.GetWeights(ref buffers, out var classCount);
        if (classCount != head.Classes.Count)
            throw new InvalidOperationException($"The trainer produced {classCount} classes instead of {head.Classes.Count}.");
        var weights = buffers.Select(b => b.DenseValues().Select((w, f) => w * (scale?[f] ?? 1f)).ToArray()).ToArray();
        return SpamModel.Create(settings, head, weights, parameters.GetBiases().ToArray());
    }

    /// <summary>Per-class example weights: (n / (k * n_c))^balance, so balance 0 is unweighted and 1 fully balanced.</summary>
    private static float[] ClassWeights(IReadOnlyList<SmsRow> rows, Dictionary<string, int> classIndex, float balance)
    {
        if (balance is < 0 or > 1 || float.IsNaN(balance))
            throw new ArgumentOutOfRangeException(nameof(balance), balance, "Class balance must be between 0 and 1.");
        var counts = new int[classIndex.Count];
        foreach (var row in rows)
            counts[classIndex[row.Label]]++;
        return counts.Select(c => (float)Math.Pow((double)rows.Count / (counts.Length * c), balance)).ToArray();
    }

    private static VBuffer<float> ToVBuffer(SpamFeatureVector vector, float[]? scale)
    {
        var values = scale is null ? vector.Values : vector.Values.Select((v, i) => v * scale[vector.Indices[i]]).ToArray();
        return new VBuffer<float>(vector.Dimension, vector.Indices.Length, values, vector.Indices);
    }

    private static SchemaDefinition Schema<T>(int dimension)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[nameof(BinaryExample.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimension);
        return schema;
    }

    private sealed class BinaryExample
    {
        public bool Label { get; set; }

        public float Weight { get; set; }

        public VBuffer<float> Features { get; set; }
    }

    private sealed class LabelledExample
    {
        public string Label { get; set; } = "";

        public float Weight { get; set; }

        public VBuffer<float> Features { get; set; }
    }

    private sealed class ClassName
    {
        public string Label { get; set; } = "";
    }
}
