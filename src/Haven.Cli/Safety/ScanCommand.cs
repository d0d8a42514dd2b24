using System.CommandLine;
using System.Globalization;
using Haven.Safety;
using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Safety.Explanations;
using Haven.Safety.Policy;

namespace Haven.Cli.Safety;

/// <summary>
/// <c>haven safety scan [--lang en|id] [--policy FILE] [--cues]</c>: reads messages from stdin, one per line,
/// (with <c>--authors</c>, lines are "author: text" turns of one conversation), and prints for each the policy decision,
/// the rules that produced it, every signal with its evidence and explanation, and conversation risks.
/// </summary>
public static class ScanCommand
{
    public static Command Create()
    {
        var lang = new Option<string>("--lang") { Description = "Explanation language: en or id.", DefaultValueFactory = _ => "en" };
        lang.AcceptOnlyFromAmong("en", "id");
        var policy = new Option<FileInfo?>("--policy") { Description = "Policy JSON file; the shipped default policy when absent." };
        var authors = new Option<bool>("--authors") { Description = "Lines are 'author: text'; otherwise all lines come from one author." };
        var cues = new Option<bool>("--cues") { Description = "Also print the lexicon cues each message matched (for tuning)." };
        var command = new Command("scan", "Scan messages from stdin and print each decision with its explanation.") { lang, policy, authors, cues };
        command.SetAction((parse, cancellationToken) => RunAsync(
            Console.In,
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            parse.GetRequiredValue(lang),
            parse.GetValue(policy),
            parse.GetValue(authors),
            parse.GetValue(cues),
            cancellationToken));
        return command;
    }

    /// <returns>0 on success, 2 when the policy cannot be read.</returns>
    public static async Task<int> RunAsync(TextReader input, TextWriter output, TextWriter error, string language,
        FileInfo? policyFile, bool authors, bool showCues, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        SafetyPolicy policy;
        try
        {
            policy = policyFile is null ? SafetyPolicy.Default : SafetyPolicy.Parse(await File.ReadAllTextAsync(policyFile.FullName, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cannot read policy: {e.Message}").ConfigureAwait(false);
            return 2;
        }

        var culture = CultureInfo.GetCultureInfo(language);
        var engine = SafetyEngineFactory.Create();
        var tracker = new ConversationRiskTracker();
        var policyEngine = new PolicyEngine(policy);
        var state = new ConversationRiskState { ConversationId = "stdin" };
        string? line;
        while ((line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)) is not null)
        {
            if (line.Length == 0)
                continue;
            var author = "sender";
            var text = line;
            if (authors && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                author = line[..colon].Trim();
                text = line[(colon + 1)..].TrimStart();
            }

            // Without authors every line is judged on its own; with authors the lines form one conversation.
            if (!authors)
                state = new ConversationRiskState { ConversationId = "stdin" };
            var scan = engine.Scan(text);
            var assessment = tracker.Update(state, author, scan);
            var decision = policyEngine.Decide(scan, assessment, PolicyContext.Default);
            await WriteAsync(output, text, scan, assessment, decision, culture, showCues).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task WriteAsync(TextWriter output, string text, ScanResult scan, ConversationAssessment assessment,
        PolicyDecision decision, CultureInfo culture, bool showCues)
    {
        await output.WriteLineAsync($"> {text}").ConfigureAwait(false);
        await output.WriteLineAsync($"  decision: {decision.Describe()}").ConfigureAwait(false);
        foreach (var fired in decision.Rules)
            await output.WriteLineAsync($"  rule {fired.RuleId}{(fired.Shadow ? " (shadow)" : string.Empty)}: {string.Join(", ", fired.Actions)}").ConfigureAwait(false);
        foreach (var signal in scan.Signals)
        {
            var evidence = string.Join(" | ", signal.Evidence.Select(e => $"\"{e.Slice(text)}\"@{e.Start}"));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {signal.Kind.ToLabel()} {signal.Score:F2}: {SafetyExplanations.Get(signal.ExplanationKey, culture)} [{evidence}]")).ConfigureAwait(false);
        }

        foreach (var key in assessment.ExplanationKeys)
            await output.WriteLineAsync($"  conversation: {SafetyExplanations.Get(key, culture)}").ConfigureAwait(false);
        if (showCues)
            await output.WriteLineAsync($"  cues: {string.Join(", ", scan.Cues.Enumerate())}").ConfigureAwait(false);
    }
}
