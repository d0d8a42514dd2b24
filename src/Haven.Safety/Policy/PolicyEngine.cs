using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Safety.Text;

namespace Haven.Safety.Policy;

/// <summary>
/// Applies a <see cref="SafetyPolicy"/> to a scan and the conversation assessment in a context.
/// All matching rules fire; enforced actions are the union of non-shadow rules' actions; the outcome is
/// the most severe of them; the case priority the highest. Clean messages allocate nothing.
/// </summary>
public sealed class PolicyEngine(SafetyPolicy policy)
{
    public PolicyDecision Decide(ScanResult scan, ConversationAssessment? assessment, PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(context);
        var risks = assessment?.Risks ?? ConversationRisk.None;
        if (scan.Signals.Count == 0 && risks == ConversationRisk.None)
            return PolicyDecision.Allow;
        List<FiredRule>? fired = null;
        foreach (var rule in policy.Rules)
        {
            if (Match(rule, scan, risks, context) is { } hit)
                (fired ??= []).Add(hit);
        }

        if (fired is null)
            return PolicyDecision.Allow;
        var actions = new SortedSet<SafetyAction>();
        var priority = CasePriority.None;
        foreach (var rule in fired)
        {
            if (rule.Shadow)
                continue;
            actions.UnionWith(rule.Actions);
            if (rule.CasePriority > priority)
                priority = rule.CasePriority;
        }

        if (actions.Count == 0)
            actions.Add(SafetyAction.Allow);
        if (actions.Count > 1)
            actions.Remove(SafetyAction.Allow);
        return new PolicyDecision(actions.Max, [.. actions], priority, fired);
    }

    private static FiredRule? Match(PolicyRule rule, ScanResult scan, ConversationRisk risks, PolicyContext context)
    {
        var when = rule.When;
        if (when.Consent is { } consent && !consent.Contains(context.Consent)) return null;
        if (when.AccountAgeDaysBelow is { } age && context.SenderAccountAgeDays >= age) return null;
        if (when.Verified is { } verified && context.SenderVerified != verified) return null;
        if (when.PriorStrikesAtLeast is { } strikes && context.SenderPriorStrikes < strikes) return null;
        if (when.Direction is { } direction && context.Direction != direction) return null;

        var matchedSignals = new List<string>();
        var evidence = new List<TextSpan>();
        var signalsOk = true;
        if (when.Signals is { } any)
        {
            signalsOk = false;
            foreach (var label in any)
                if (Present(scan, label, when.MinScore) is { } signal)
                {
                    signalsOk = true;
                    matchedSignals.Add(label);
                    evidence.AddRange(signal.Evidence);
                }
        }

        if (when.AllSignals is { } all)
        {
            foreach (var label in all)
            {
                if (Present(scan, label, when.MinScore) is not { } signal)
                    return null;
                matchedSignals.Add(label);
                evidence.AddRange(signal.Evidence);
            }
        }

        var matchedRisks = new List<string>();
        var risksOk = true;
        if (when.ConversationRisks is { } wanted)
        {
            risksOk = false;
            foreach (var name in wanted)
                if (TryParseRisk(name, out var risk) && (risks & risk) != 0)
                {
                    risksOk = true;
                    matchedRisks.Add(name);
                }
        }

        // Signals and risks are alternatives when a rule lists both; each alone must hold otherwise.
        var ok = when.Signals is not null && when.ConversationRisks is not null ? signalsOk || risksOk : signalsOk && risksOk;
        if (!ok)
            return null;
        return new FiredRule(rule.Id, rule.Shadow, rule.Actions, rule.CasePriority, matchedSignals, matchedRisks, evidence.Distinct().ToList());
    }

    private static Signal? Present(ScanResult scan, string label, double minScore)
    {
        if (!SignalKindLabels.TryParse(label, out var kind))
            return null;
        var signal = scan.Find(kind);
        return signal is not null && signal.Score >= minScore ? signal : null;
    }

    internal static bool TryParseRisk(string name, out ConversationRisk risk)
    {
        risk = name switch
        {
            "grooming" => ConversationRisk.Grooming,
            "sextortion" => ConversationRisk.Sextortion,
            "scam" => ConversationRisk.Scam,
            "minor_present" => ConversationRisk.MinorPresent,
            _ => ConversationRisk.None,
        };
        return risk != ConversationRisk.None;
    }
}
