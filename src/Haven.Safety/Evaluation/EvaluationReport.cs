using System.Text.Json.Serialization;

namespace Haven.Safety.Evaluation;

/// <summary>The object <c>haven safety eval --json</c> prints (shape fixed by DESIGN.md).</summary>
public sealed record EvaluationReport(
    [property: JsonPropertyName("task")] string Task,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, LabelScores> Labels,
    [property: JsonPropertyName("macro")] Scores Macro,
    [property: JsonPropertyName("binary")] BinaryScores Binary);

public sealed record LabelScores(
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("f05")] double F05,
    [property: JsonPropertyName("support")] int Support);

public sealed record Scores(
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("f05")] double F05);

public sealed record BinaryScores(
    [property: JsonPropertyName("positive")] IReadOnlyList<string> Positive,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("f05")] double F05,
    [property: JsonPropertyName("tp")] int Tp,
    [property: JsonPropertyName("fp")] int Fp,
    [property: JsonPropertyName("fn")] int Fn,
    [property: JsonPropertyName("tn")] int Tn);
