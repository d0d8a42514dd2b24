using Haven.Server.Chat;
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
internal sealed class RestrictionGates(HavenDbContext db, TimeProvider clock) : IMessageGate, IContactGate, IMediaGate
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

    /// <summary>The most severe restriction in force, if any; most members have none (one indexed lookup).</summary>
    private async Task<RestrictionKind?> ActiveAsync(Guid memberId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var kinds = await db.Set<MemberRestriction>()
            .Where(r => r.MemberId == memberId && r.LiftedAt == null && (r.EndsAt == null || r.EndsAt > now))
            .Select(r => r.Kind).ToListAsync(ct);
        return kinds.Count == 0 ? null : kinds.Max();
    }
}
