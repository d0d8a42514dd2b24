using System.Text.Json;
using Haven.Cli.Safety;
using Haven.Safety.Models;

namespace Haven.Safety.Tests.Models;

/// <summary>
/// Measures the shipped models on the development files' seeded hold-out part, which they were not
/// trained on. Floors sit a little under the measured figures so that a regression fails the build.
/// </summary>
public sealed class SmsEvaluationTests
{
    private const double EnglishSpamF1Floor = 0.95;
    private const double IndonesianMacroF1Floor = 0.90;

    [Fact]
    public async Task English_spam_holdout_f1_stays_above_its_floor()
    {
        var file = SharedData.File("sms-spam", "sms-spam-dev.tsv");
        var rows = await TrainData.ReadAsync(file);

        var result = SmsEvaluation.Evaluate(rows, SpamModel.LoadDefault(), file.Name);

        Assert.Equal("sms-en", result.Head);
        Assert.Equal(["spam"], result.Report.Labels.Keys);
        Assert.True(result.Report.Binary.F1 >= EnglishSpamF1Floor, $"sms-spam held-out F1 {result.Report.Binary.F1:F4} < {EnglishSpamF1Floor}");
    }

    [Fact]
    public async Task Indonesian_holdout_macro_f1_stays_above_its_floor()
    {
        var file = SharedData.File("id-sms", "id-sms-dev.tsv");
        var rows = await TrainData.ReadAsync(file);

        var result = SmsEvaluation.Evaluate(rows, SpamModel.LoadDefault(), file.Name);

        Assert.Equal("sms-id", result.Head);
        Assert.Equal(["fraud", "promo"], result.Report.Labels.Keys);
        Assert.True(result.Report.Macro.F1 >= IndonesianMacroF1Floor, $"id-sms held-out macro F1 {result.Report.Macro.F1:F4} < {IndonesianMacroF1Floor}");
    }

    [Theory]
    [InlineData("sms-spam", "sms-spam-dev.tsv")]
    [InlineData("id-sms", "id-sms-dev.tsv")]
    public async Task Evaluation_measures_exactly_the_seeded_holdout(string folder, string name)
    {
        var file = SharedData.File(folder, name);
        var rows = await TrainData.ReadAsync(file);
        var (train, holdout) = TrainSplit.Split(rows, TrainSplit.DefaultFraction, TrainSplit.DefaultSeed);

        var result = SmsEvaluation.Evaluate(rows, SpamModel.LoadDefault(), file.Name);

        // The shipped model recognises its own training rows, and those are exactly the split's training part.
        Assert.Equal(train.Count, result.Excluded);
        Assert.Equal(holdout.Count, result.Report.Count);
        Assert.InRange(holdout.Count, (int)(0.18 * rows.Count), (int)(0.22 * rows.Count));
        Assert.Empty(holdout.Select(r => r.Text).Intersect(train.Select(r => r.Text)));
    }

    [Fact]
    public async Task Json_output_has_the_design_shape()
    {
        var file = SharedData.File("id-sms", "id-sms-dev.tsv");
        using var output = new StringWriter();

        var exit = await SmsEvaluation.RunAsync(file, json: true, output);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("sms", root.GetProperty("task").GetString());
        Assert.Equal("id-sms-dev.tsv", root.GetProperty("input").GetString());
        Assert.True(root.GetProperty("count").GetInt32() > 0);
        Assert.Equal(["fraud", "promo"], root.GetProperty("labels").EnumerateObject().Select(p => p.Name));
        Assert.True(root.GetProperty("macro").GetProperty("f1").GetDouble() > 0);
        var binary = root.GetProperty("binary");
        Assert.Equal(["fraud", "spam"], binary.GetProperty("positive").EnumerateArray().Select(e => e.GetString()));
        foreach (var key in new[] { "precision", "recall", "f1", "f05", "tp", "fp", "fn", "tn" })
            Assert.True(binary.TryGetProperty(key, out _), key);
    }

    [Fact]
    public async Task Text_output_has_scores_and_a_confusion_summary()
    {
        var file = SharedData.File("sms-spam", "sms-spam-dev.tsv");
        using var output = new StringWriter();

        var exit = await SmsEvaluation.RunAsync(file, json: false, output);

        Assert.Equal(0, exit);
        var text = output.ToString();
        Assert.Contains("spam", text, StringComparison.Ordinal);
        Assert.Contains("confusion", text, StringComparison.Ordinal);
        Assert.Contains("ham        -> ham", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_whose_classes_no_head_knows_is_refused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"haven-sms-{Guid.NewGuid():N}.tsv");
        await File.WriteAllTextAsync(path, "label\ttext\nweather\tsunny all week\nnews\tthe match ended in a draw\n");
        try
        {
            using var output = new StringWriter();
            Assert.Equal(2, await SmsEvaluation.RunAsync(new FileInfo(path), json: false, output));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
