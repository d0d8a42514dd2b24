using Haven.Server.MessageSafety;

namespace Haven.Server.Moderation;

/// <summary>Policy rules that test prior strikes see the member's unexpired, unreversed strikes.</summary>
internal sealed class ActiveStrikes(Enforcement enforcement) : IPriorStrikes
{
    public async ValueTask<int> CountAsync(Guid memberId, CancellationToken cancellationToken) =>
        await enforcement.ActiveStrikesAsync(memberId, cancellationToken);
}
