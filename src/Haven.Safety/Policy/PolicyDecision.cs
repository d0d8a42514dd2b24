namespace Haven.Safety.Policy;

/// <summary>
/// What to do with a message: the enforced actions (from non-shadow rules), the strongest of them,
/// the case priority, and every rule that fired (shadow ones included, marked) with its evidence.
/// </summary>
public sealed record PolicyDecision(
    SafetyAction Outcome,
    IReadOnlyList<SafetyAction> Actions,
    CasePriority CasePriority,
    IReadOnlyList<FiredRule> Rules)
{
    public static PolicyDecision Allow { get; } = new(SafetyAction.Allow, [SafetyAction.Allow], CasePriority.None, []);

    public bool Has(SafetyAction action) => Actions.Contains(action);

    public string Describe()
    {
        var text = string.Join(", ", Actions.Select(a => a.ToString()));
        return CasePriority == CasePriority.None ? text : $"{text} (case priority {CasePriority})";
    }
}
