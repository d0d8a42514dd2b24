using System.Globalization;

namespace Haven.Safety.Evaluation;

/// <summary>Prints an evaluation as a readable table with a confusion summary.</summary>
public static class EvaluationTextWriter
{
    public static void Write(EvaluationOutcome outcome, TextWriter output, int showErrors = 0)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(output);
        var r = outcome.Report;
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(ci, $"task {r.Task}  input {r.Input}  items {r.Count}"));
        output.WriteLine();
        output.WriteLine(string.Create(ci, $"{"label",-16} {"precision",9} {"recall",7} {"f1",7} {"f0.5",7} {"support",8}"));
        foreach (var (label, s) in r.Labels)
            output.WriteLine(string.Create(ci, $"{label,-16} {s.Precision,9:F3} {s.Recall,7:F3} {s.F1,7:F3} {s.F05,7:F3} {s.Support,8}"));
        output.WriteLine(string.Create(ci, $"{"macro",-16} {r.Macro.Precision,9:F3} {r.Macro.Recall,7:F3} {r.Macro.F1,7:F3} {r.Macro.F05,7:F3}"));
        var b = r.Binary;
        output.WriteLine(string.Create(ci, $"{"binary",-16} {b.Precision,9:F3} {b.Recall,7:F3} {b.F1,7:F3} {b.F05,7:F3}   (positive: {string.Join(", ", b.Positive)})"));
        output.WriteLine();
        output.WriteLine("confusion (binary):");
        output.WriteLine(string.Create(ci, $"  {"",14} {"pred +",8} {"pred -",8}"));
        output.WriteLine(string.Create(ci, $"  {"gold +",14} {b.Tp,8} {b.Fn,8}"));
        output.WriteLine(string.Create(ci, $"  {"gold -",14} {b.Fp,8} {b.Tn,8}"));
        output.WriteLine();
        output.WriteLine("confusion (gold label -> predicted labels):");
        foreach (var (gold, row) in outcome.Confusion.Counts)
            output.WriteLine($"  {gold,-14} {string.Join("  ", row.Select(kv => string.Create(ci, $"{kv.Key}:{kv.Value}")))}");
        if (showErrors <= 0)
            return;
        output.WriteLine();
        output.WriteLine("errors:");
        foreach (var e in outcome.Errors.Take(showErrors))
            output.WriteLine($"  gold [{string.Join(",", e.Gold)}] predicted [{string.Join(",", e.Predicted)}]  {e.Text}");
    }
}
