using Haven.Server.Chat;
using Haven.Server.Cluster;
using Haven.Server.Contacts;
using Haven.Server.Data;
using Haven.Server.Media;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Moderation;

/// <summary>
/// Makes restrictions real: a suspended or banned member cannot send messages or images or start contact;
/// a restricted member cannot start new conversations. Reading, their notices, appeals and account
/// deletion stay open to them, so a statement of reasons can always be read and answered.
/// </summary>
internal sealed class RestrictionGates(HavenDbContext db, FactCache facts, TimeProvider clock) : IMessageGate, IContactGate, IMediaGate
{
    private static readonly Refusal Suspended = new(StatusCodes.Status403Forbidden, "Suspended",
        "Your account is suspended, so you can't send messages or start conversations. Your notices explain why and how to appeal.");

    private static readonly Refusal Restricted = new(StatusCodes.Status403Forbidden, "Restricted",
        "You can't start new conversations for now. Your notices explain why and how to appeal.");

    public async ValueTask<Refusal?> CheckAsync(MessageGateContext context, CancellationToken cancellationToken) =>
        await ActiveAsync(context.SenderId, cancellationToken) is RestrictionKind.Suspended or RestrictionKind.Banned ? Suspended : null;

    public async ValueTask<Refusal?> CheckAsync(Guid memberId, ContactAction action, CancellationToken cancellationToken) =>
        await ActiveAsync(memberId, cancellationToken) switch
        {
            RestrictionKind.Suspended or RestrictionKind.Banned => Suspended,
            RestrictionKind.NoNewConversations when action == ContactAction.SendRequest => Restricted,
            _ => null,
        };

    public async ValueTask<Refusal?> CheckAsync(Guid memberId, Guid conversationId, MediaAction action, CancellationToken cancellationToken) =>
        action == MediaAction.Send && await ActiveAsync(memberId, cancellationToken) is RestrictionKind.Suspended or RestrictionKind.Banned ? Suspended : null;

    /// <summary>
    /// The most severe restriction in force, if any. Asked on every message, so the member's unlifted restrictions are
    /// a cached fact (most members have none); <see cref="Enforcement"/> forgets it on every node when a decision
    /// adds or lifts one, and the end dates are checked here so a suspension ends on time without an eviction.
    /// </summary>
    private async Task<RestrictionKind?> ActiveAsync(Guid memberId, CancellationToken ct)
    {
        var unlifted = await facts.GetOrLoadAsync(Key(memberId), c => db.Set<MemberRestriction>().AsNoTracking()
            .Where(r => r.MemberId == memberId && r.LiftedAt == null)
            .Select(r => new Unlifted(r.Kind, r.EndsAt)).ToArrayAsync(c), ct);
        var now = clock.GetUtcNow();
        RestrictionKind? active = null;
        foreach (var r in unlifted)
            if ((r.EndsAt is null || r.EndsAt > now) && (active is null || r.Kind > active))
                active = r.Kind;
        return active;
    }

    internal static string Key(Guid memberId) => $"restrictions:{memberId}";

    private readonly record struct Unlifted(RestrictionKind Kind, DateTimeOffset? EndsAt);
}
