using Haven.Safety.Detection;
using Haven.Safety.Policy;

namespace Haven.Server.MessageSafety;

/// <summary>Which signals the policy's enforced (non-shadow) rules test: any other signal cannot change what happens to a message.</summary>
public sealed class PolicyReach(SafetyPolicy policy)
{
    private readonly HashSet<SignalKind> _enforced = [.. policy.Rules.Where(r => !r.Shadow)
        .SelectMany(r => (r.When.Signals ?? []).Concat(r.When.AllSignals ?? []))
        .Select(label => SignalKindLabels.TryParse(label, out var kind) ? kind : (SignalKind?)null)
        .OfType<SignalKind>()];

    public bool Enforces(SignalKind kind) => _enforced.Contains(kind);
}
