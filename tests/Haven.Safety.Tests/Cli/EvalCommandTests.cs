using System.Text.Json;
using Haven.Cli.Safety;

namespace Haven.Safety.Tests.Cli;

public class EvalCommandTests
{
    [Fact]
    public async Task Json_output_is_exactly_the_design_object()
    {
        var output = new StringWriter();
        var code = await EvalCommand.RunAsync("messages", new FileInfo(SharedData.Path("safety-dev.tsv")), json: true, 0, output, TextWriter.Null);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output.ToString());
        var root = doc.RootElement;
        Assert.Equal(["task", "input", "count", "labels", "macro", "binary"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("messages", root.GetProperty("task").GetString());
        Assert.Equal(["precision", "recall", "f1", "f05", "support"], root.GetProperty("labels").GetProperty("minor").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["precision", "recall", "f1", "f05"], root.GetProperty("macro").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["positive", "precision", "recall", "f1", "f05", "tp", "fp", "fn", "tn"], root.GetProperty("binary").EnumerateObject().Select(p => p.Name));
        Assert.False(root.GetProperty("labels").TryGetProperty("none", out _));
    }

    [Fact]
    public async Task Text_output_has_per_label_scores_and_a_confusion_summary()
    {
        var output = new StringWriter();
        await EvalCommand.RunAsync("conversations", new FileInfo(SharedData.Path("conversations-dev.jsonl")), json: false, 0, output, TextWriter.Null);
        var text = output.ToString();
        Assert.Contains("precision", text, StringComparison.Ordinal);
        Assert.Contains("f0.5", text, StringComparison.Ordinal);
        Assert.Contains("support", text, StringComparison.Ordinal);
        Assert.Contains("confusion", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_task_is_delegated_to_the_spam_model_evaluation()
    {
        var output = new StringWriter();
        var code = await EvalCommand.RunAsync("sms", new FileInfo(SharedData.Path("sms-spam", "sms-spam-dev.tsv")), json: true, 0, output, TextWriter.Null);
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output.ToString());
        Assert.Equal("sms", doc.RootElement.GetProperty("task").GetString());
        Assert.True(doc.RootElement.GetProperty("labels").TryGetProperty("spam", out _));
    }

    [Fact]
    public async Task A_missing_input_file_is_reported_not_thrown()
    {
        var error = new StringWriter();
        var code = await EvalCommand.RunAsync("messages", new FileInfo("/nonexistent/file.tsv"), json: false, 0, TextWriter.Null, error);
        Assert.Equal(2, code);
        Assert.Contains("evaluation failed", error.ToString(), StringComparison.Ordinal);
    }
}
