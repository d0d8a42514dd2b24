using Haven.Server.Chat;
using Haven.Server.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Presence;

/// <summary>
/// Presence is shown only to people a member talks with: the other side of their open conversations,
/// never across a block either way.
/// </summary>
public sealed class PresenceService(HavenDbContext db, ChatService chat, PresenceTracker tracker, IHubContext<ChatHub, IChatClient> hub)
{
    public async Task<PresenceView> OnlinePartnersAsync(Guid memberId, CancellationToken ct)
    {
        var partners = await PartnersAsync(memberId, ct);
        var online = await tracker.OnlineAsync(partners);
        return new PresenceView([.. partners.Where(online.Contains)]);
    }

    /// <summary>Tells the member's partners, wherever they are connected, that the member came or went.</summary>
    public async Task AnnounceAsync(Guid memberId, bool online, CancellationToken ct)
    {
        var partners = await PartnersAsync(memberId, ct);
        if (partners.Count > 0)
            await hub.Clients.Users([.. partners.Select(p => p.ToString())]).PresenceChanged(new PresenceNotice(memberId, online));
    }

    private async Task<IReadOnlyList<Guid>> PartnersAsync(Guid memberId, CancellationToken ct)
    {
        var partners = await db.ConversationMembers.AsNoTracking()
            .Where(m => m.MemberId == memberId && !m.Hidden)
            .SelectMany(m => m.Conversation!.Members.Where(o => o.MemberId != memberId && !o.Hidden).Select(o => o.MemberId))
            .ToListAsync(ct);
        if (partners.Count == 0)
            return partners;
        var blocked = await chat.BlockedEitherWayAsync(memberId, ct);
        return [.. partners.Except(blocked).Distinct()];
    }
}

/// <summary>The caller's conversation partners who are online now.</summary>
public sealed record PresenceView(IReadOnlyList<Guid> Online);

/// <summary>Pushed to a member's partners when the member comes online or goes offline.</summary>
public sealed record PresenceNotice(Guid MemberId, bool Online);
