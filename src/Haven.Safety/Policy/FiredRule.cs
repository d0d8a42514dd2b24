using Haven.Safety.Text;

namespace Haven.Safety.Policy;

/// <summary>A rule that matched a message, with what it asked for and the evidence it matched on.</summary>
public sealed record FiredRule(
    string RuleId,
    bool Shadow,
    IReadOnlyList<SafetyAction> Actions,
    CasePriority CasePriority,
    IReadOnlyList<string> MatchedSignals,
    IReadOnlyList<string> MatchedRisks,
    IReadOnlyList<TextSpan> Evidence);
