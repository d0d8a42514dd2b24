using Haven.Safety.Conversation;
using Haven.Safety.Evaluation;

namespace Haven.Safety.Tests.Evaluation;

/// <summary>
/// Guards the measured quality on the development sets. Floors sit a little below the figures measured
/// when they were set (safety-dev macro F1 0.995, minor/grooming P and R ≥ 0.97, conversations binary
/// F1 1.0, PAN12 binary F0.5 0.905), so a regression fails the build.
/// </summary>
public class EvaluationFloorTests
{
    [Fact]
    public void Safety_dev_messages_stay_above_their_floors()
    {
        var path = SharedData.Path("safety-dev.tsv");
        var report = MessageEvaluation.Evaluate(EvaluationData.ReadMessages(path), Scanning.Engine, "safety-dev.tsv").Report;
        Assert.True(report.Macro.F1 >= 0.95, $"macro F1 {report.Macro.F1:F3}");
        foreach (var label in new[] { "minor", "grooming" })
        {
            var scores = report.Labels[label];
            Assert.True(scores.Recall >= 0.93, $"{label} recall {scores.Recall:F3}");
            Assert.True(scores.Precision >= 0.93, $"{label} precision {scores.Precision:F3}");
        }
    }

    [Fact]
    public void Conversations_dev_binary_f1_stays_above_its_floor()
    {
        var path = SharedData.Path("conversations-dev.jsonl");
        var report = ConversationEvaluation.Evaluate(EvaluationData.ReadConversations(path), Scanning.Engine, new ConversationRiskTracker(), "conversations-dev.jsonl").Report;
        Assert.True(report.Binary.F1 >= 0.95, $"binary F1 {report.Binary.F1:F3}");
    }

    [Fact]
    public void Pan12_dev_predator_f05_stays_above_its_floor()
    {
        var path = SharedData.Path("pan12", "pan12-dev.jsonl");
        var report = ConversationEvaluation.Evaluate(EvaluationData.ReadConversations(path), Scanning.Engine, new ConversationRiskTracker(), "pan12-dev.jsonl").Report;
        Assert.True(report.Binary.F05 >= 0.88, $"binary F0.5 {report.Binary.F05:F3}");
    }
}
