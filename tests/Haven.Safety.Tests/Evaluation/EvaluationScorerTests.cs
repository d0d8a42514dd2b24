using Haven.Safety.Evaluation;

namespace Haven.Safety.Tests.Evaluation;

public class EvaluationScorerTests
{
    [Fact]
    public void Precision_recall_f1_and_f05_follow_their_definitions()
    {
        var s = EvaluationScorer.Compute(tp: 8, fp: 2, fn: 4);
        Assert.Equal(0.8, s.Precision, 6);
        Assert.Equal(8.0 / 12, s.Recall, 6);
        Assert.Equal(2 * 0.8 * (8.0 / 12) / (0.8 + 8.0 / 12), s.F1, 6);
        Assert.Equal(1.25 * 0.8 * (8.0 / 12) / (0.25 * 0.8 + 8.0 / 12), s.F05, 6);
    }

    [Fact]
    public void Multi_label_rows_count_per_label_and_binary_any_label()
    {
        var scorer = new EvaluationScorer("messages", "x", ["a", "b"], ["a", "b"]);
        scorer.Add(["a", "b"], ["a"]);
        scorer.Add([], ["b"]);
        scorer.Add([], []);
        var report = scorer.Build();
        Assert.Equal(1, report.Labels["a"].Support);
        Assert.Equal(1.0, report.Labels["a"].Recall);
        Assert.Equal(0.0, report.Labels["b"].Recall);
        Assert.Equal((1, 1, 0, 1), (report.Binary.Tp, report.Binary.Fp, report.Binary.Fn, report.Binary.Tn));
    }
}
