using System.Globalization;
using System.Text.Json;
using Haven.Safety.Evaluation;
using Haven.Safety.Models;

namespace Haven.Cli.Safety;

/// <summary>
/// <c>haven safety eval --task sms</c>: scores a labelled SMS TSV with a <see cref="SpamModel"/> and
/// reports per-class and binary (spam-or-fraud vs rest) scores in the shape DESIGN.md fixes.
/// </summary>
/// <remarks>
/// Rows whose exact text the model was trained on are always left out (the model stores fingerprints
/// of its training texts), so evaluating the shipped model on the development file measures exactly
/// the seeded hold-out part it never saw, and a file it never saw is measured whole. An explicit
/// <c>split</c> restricts the evaluation further to the hold-out part <see cref="TrainSplit"/> computes.
/// </remarks>
public static class SmsEvaluation
{
    public const string Task = "sms";

    /// <summary>Classes that are not reported as labels: the harmless ones.</summary>
    public static IReadOnlyList<string> BenignLabels { get; } = ["ham", "normal"];

    /// <summary>Classes counted as positive in the binary score.</summary>
    public static IReadOnlyList<string> BinaryPositive { get; } = ["fraud", "spam"];

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <param name="model">A model file; the shipped models when null.</param>
    /// <param name="split">When set, only the seeded hold-out fraction of the file is evaluated.</param>
    /// <param name="showErrors">In text mode, list up to this many misclassified rows.</param>
    /// <returns>0 on success, 2 when the input cannot be evaluated.</returns>
    public static async Task<int> RunAsync(FileInfo input, bool json, TextWriter output, FileInfo? model = null,
        double? split = null, int holdoutSeed = TrainSplit.DefaultSeed, int showErrors = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        SmsEvaluationResult result;
        try
        {
            var rows = await TrainData.ReadAsync(input, cancellationToken).ConfigureAwait(false);
            if (split is { } fraction)
                rows = TrainSplit.Split(rows, fraction, holdoutSeed).Holdout;
            var spamModel = model is null ? SpamModel.LoadDefault() : SpamModel.Load(model.FullName);
            result = Evaluate(rows, spamModel, input.Name);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"sms evaluation failed: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        await WriteAsync(result, json, output, showErrors).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Prints a result as the DESIGN.md JSON object or as a text table with a confusion summary.</summary>
    public static async Task WriteAsync(SmsEvaluationResult result, bool json, TextWriter output, int showErrors = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        if (json)
            await output.WriteLineAsync(JsonSerializer.Serialize(result.Report, JsonOptions)).ConfigureAwait(false);
        else
            await output.WriteAsync(FormatText(result, showErrors)).ConfigureAwait(false);
    }

    /// <summary>Scores <paramref name="rows"/> (minus the model's own training texts) with the head whose classes cover the rows' labels.</summary>
    public static SmsEvaluationResult Evaluate(IReadOnlyList<SmsRow> rows, SpamModel model, string inputName)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(model);
        var fileLabels = rows.Select(r => r.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var headIndex = SelectHead(model, fileLabels);
        var head = model.Heads[headIndex];

        var reported = fileLabels.Where(l => !BenignLabels.Contains(l, StringComparer.Ordinal)).ToList();
        var scorer = new EvaluationScorer(Task, inputName, reported, BinaryPositive);
        var confusion = new SortedDictionary<(string Gold, string Predicted), int>();
        var excluded = 0;
        var errors = new List<SmsError>();
        foreach (var row in rows)
        {
            if (head.WasTrainedOn(row.Text))
            {
                excluded++;
                continue;
            }

            var predicted = head.Classes[model.Score(row.Text).PredictedClass(headIndex)];
            scorer.Add([row.Label], [predicted]);
            if (!string.Equals(predicted, row.Label, StringComparison.Ordinal))
                errors.Add(new SmsError(row, predicted));
            var key = (row.Label, predicted);
            confusion[key] = confusion.GetValueOrDefault(key) + 1;
        }

        return new SmsEvaluationResult(scorer.Build(), head.Name, excluded, confusion, errors);
    }

    private static int SelectHead(SpamModel model, IReadOnlyList<string> labels)
    {
        for (var h = 0; h < model.Heads.Count; h++)
        {
            if (labels.All(l => model.Heads[h].IndexOf(l) >= 0))
                return h;
        }

        var available = string.Join("; ", model.Heads.Select(h => $"{h.Name}: {string.Join(", ", h.Classes)}"));
        throw new InvalidDataException(
            $"No model head has all the file's classes [{string.Join(", ", labels)}] (heads: {available}). Train one with 'haven safety train --task sms'.");
    }

    private static string FormatText(SmsEvaluationResult result, int showErrors)
    {
        var report = result.Report;
        var c = CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.AppendLine(c, $"task {report.Task}  input {report.Input}  head {result.Head}  rows {report.Count} (left out as training rows: {result.Excluded})");
        text.AppendLine(c, $"{"label",-12} {"precision",9} {"recall",9} {"f1",9} {"f0.5",9} {"support",8}");
        foreach (var (label, s) in report.Labels)
            text.AppendLine(c, $"{label,-12} {s.Precision,9:F4} {s.Recall,9:F4} {s.F1,9:F4} {s.F05,9:F4} {s.Support,8}");
        var m = report.Macro;
        text.AppendLine(c, $"{"macro",-12} {m.Precision,9:F4} {m.Recall,9:F4} {m.F1,9:F4} {m.F05,9:F4}");
        var b = report.Binary;
        text.AppendLine(c, $"binary ({string.Join(" or ", b.Positive)} vs rest): precision {b.Precision:F4} recall {b.Recall:F4} f1 {b.F1:F4} f0.5 {b.F05:F4}  tp {b.Tp} fp {b.Fp} fn {b.Fn} tn {b.Tn}");
        text.AppendLine("confusion (gold -> predicted: count):");
        foreach (var ((gold, predicted), count) in result.Confusion)
            text.AppendLine(c, $"  {gold,-10} -> {predicted,-10} {count,6}");
        foreach (var error in result.Errors.Take(showErrors))
            text.AppendLine(c, $"error: gold {error.Row.Label} predicted {error.Predicted}: {error.Row.Text}");
        return text.ToString();
    }
}

/// <summary>An SMS evaluation: the DESIGN.md report plus what the text output adds.</summary>
/// <param name="Head">The model head that was evaluated.</param>
/// <param name="Excluded">Rows left out because the model was trained on their text.</param>
/// <param name="Confusion">Counts per (gold, predicted) class pair.</param>
/// <param name="Errors">Misclassified rows, in file order.</param>
public sealed record SmsEvaluationResult(
    EvaluationReport Report, string Head, int Excluded, IReadOnlyDictionary<(string Gold, string Predicted), int> Confusion,
    IReadOnlyList<SmsError> Errors);

/// <summary>A row the model got wrong.</summary>
public sealed record SmsError(SmsRow Row, string Predicted);
