using System.Globalization;
using System.Resources;
using Haven.Server.Chat;
using Haven.Server.Data;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Moderation;

/// <summary>
/// Notices to members (acknowledgements, outcomes, statements of reasons), rendered in the member's
/// preferred language at the moment they are sent, whatever language the moderator works in.
/// Once saved, they are pushed to the member's live hub connections as <see cref="ReceivedEvent"/>.
/// </summary>
public sealed class NoticeService(HavenDbContext db, TimeProvider clock, IHubContext<ChatHub> hub)
{
    public const string ReceivedEvent = "NoticeReceived";

    private static readonly ResourceManager Strings = new(typeof(ModerationStrings));
    private readonly List<MemberNotice> _unpublished = [];

    /// <summary>Adds the notice to the unit of work; the caller saves.</summary>
    public async Task AddAsync(Guid memberId, NoticeKind kind, Func<Text, (string Title, string Body)> render, CancellationToken ct,
        Guid? decisionId = null, DateTimeOffset? appealUntil = null)
    {
        var culture = await db.Users.Where(m => m.Id == memberId).Select(m => m.PreferredCulture).SingleOrDefaultAsync(ct);
        if (culture is null)
            return;
        var (title, body) = render(new Text(CultureInfo.GetCultureInfo(culture == "id" ? "id" : "en")));
        var notice = new MemberNotice
        {
            Id = Guid.CreateVersion7(),
            MemberId = memberId,
            Kind = kind,
            Culture = culture,
            Title = title,
            Body = body,
            DecisionId = decisionId,
            AppealUntil = appealUntil,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Set<MemberNotice>().Add(notice);
        _unpublished.Add(notice);
    }

    /// <summary>After the notices are saved: tells members who are online now (the rest read them later).</summary>
    public async Task PublishAsync()
    {
        foreach (var n in _unpublished)
            await hub.Clients.User(n.MemberId.ToString()).SendAsync(ReceivedEvent,
                new NoticeView(n.Id, n.Kind, n.Title, n.Body, n.DecisionId, n.AppealUntil, n.CreatedAt, false));
        _unpublished.Clear();
    }

    public async Task<IReadOnlyList<NoticeView>> ForMemberAsync(Guid memberId, CancellationToken ct) =>
        await db.Set<MemberNotice>().AsNoTracking().Where(n => n.MemberId == memberId)
            .OrderByDescending(n => n.CreatedAt).Take(200)
            .Select(n => new NoticeView(n.Id, n.Kind, n.Title, n.Body, n.DecisionId, n.AppealUntil, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);

    public async Task<Refusal?> MarkReadAsync(Guid memberId, Guid noticeId, CancellationToken ct)
    {
        var notice = await db.Set<MemberNotice>().SingleOrDefaultAsync(n => n.Id == noticeId && n.MemberId == memberId, ct);
        if (notice is null)
            return Refusal.NotFound("This notice could not be found.");
        notice.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Strings in one member's language.</summary>
    public readonly struct Text(CultureInfo culture)
    {
        public string this[string key] => Strings.GetString(key, culture) ?? key;

        public string Format(string key, object arg) => string.Format(culture, this[key], arg);

        public string Date(DateTimeOffset when) => when.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", culture);

        public string Rule(ReportCategory rule) => this["Rule_" + rule];
    }
}
