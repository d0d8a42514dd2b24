using System.CommandLine;
using System.Text.Json;
using Haven.Safety;
using Haven.Safety.Conversation;
using Haven.Safety.Evaluation;

namespace Haven.Cli.Safety;

/// <summary>
/// <c>haven safety eval --task messages|sms|conversations --input FILE [--json]</c>: scores the engine on a
/// labelled file and prints per-label precision, recall, F1, F0.5 and support plus a confusion summary,
/// or with <c>--json</c> exactly the object DESIGN.md describes.
/// </summary>
public static class EvalCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "messages, sms or conversations.", Required = true };
        task.AcceptOnlyFromAmong(MessageEvaluation.Task, SmsEvaluation.Task, ConversationEvaluation.Task);
        var input = new Option<FileInfo>("--input") { Description = "Labelled file in the task's format.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the DESIGN.md JSON object instead of a table." };
        var showErrors = new Option<int>("--show-errors") { Description = "List up to this many wrongly judged items (text output only)." };
        var command = new Command("eval", "Evaluate the safety engine on labelled data.") { task, input, json, showErrors };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetRequiredValue(task),
            parse.GetRequiredValue(input),
            parse.GetValue(json),
            parse.GetValue(showErrors),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    /// <returns>0 on success, 2 when the input cannot be read.</returns>
    public static async Task<int> RunAsync(string task, FileInfo input, bool json, int showErrors, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (task == SmsEvaluation.Task)
            return await SmsEvaluation.RunAsync(input, json, output).ConfigureAwait(false);
        EvaluationOutcome outcome;
        try
        {
            var engine = SafetyEngineFactory.Create();
            outcome = task == MessageEvaluation.Task
                ? MessageEvaluation.Evaluate(EvaluationData.ReadMessages(input.FullName), engine, input.Name)
                : ConversationEvaluation.Evaluate(EvaluationData.ReadConversations(input.FullName), engine, new ConversationRiskTracker(), input.Name);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"evaluation failed: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        if (json)
            await output.WriteLineAsync(JsonSerializer.Serialize(outcome.Report, JsonOptions)).ConfigureAwait(false);
        else
            EvaluationTextWriter.Write(outcome, output, showErrors);
        return 0;
    }
}
