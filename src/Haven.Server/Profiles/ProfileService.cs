using Haven.Server.Accounts;
using Haven.Server.Chat;
using Haven.Server.Contacts;
using Haven.Server.Data;
using Haven.Server.Wellbeing;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Profiles;

public sealed record BrowseQuery(string? Search, string? Language, string? Tag, int Page = 1, int PageSize = 20);

public sealed class ProfileService(HavenDbContext db, TimeProvider clock)
{
    public async Task<ProfilePage> BrowseAsync(Guid viewerId, BrowseQuery query, CancellationToken ct)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, ProfileRules.MaxPageSize);
        var members = VisibleTo(viewerId).Where(m => m.Id != viewerId);

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            var upper = search.ToUpperInvariant();
            var lower = search.ToLowerInvariant();
            members = members.Where(m => m.NormalizedPseudonym.Contains(upper) || m.Tags.Contains(lower));
        }

        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            var language = query.Language.Trim().ToLowerInvariant();
            members = members.Where(m => m.Languages.Contains(language));
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var tag = query.Tag.Trim().ToLowerInvariant();
            members = members.Where(m => m.Tags.Contains(tag));
        }

        var total = await members.CountAsync(ct);
        var rows = await members.OrderBy(m => m.NormalizedPseudonym)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new { m.Id, m.Pseudonym, m.Bio, m.Languages, m.Tags })
            .ToListAsync(ct);

        var states = await ContactStatesAsync(viewerId, rows.Select(r => r.Id).ToList(), ct);
        var items = rows.Select(r => new ProfileView(r.Id, r.Pseudonym, r.Bio, r.Languages, r.Tags, states.GetValueOrDefault(r.Id))).ToList();
        return new ProfilePage(items, page, pageSize, total);
    }

    public async Task<ProfileView?> GetAsync(Guid viewerId, Guid memberId, CancellationToken ct)
    {
        var row = await VisibleTo(viewerId).Where(m => m.Id == memberId)
            .Select(m => new { m.Id, m.Pseudonym, m.Bio, m.Languages, m.Tags }).SingleOrDefaultAsync(ct);
        if (row is null)
            return null;
        var state = row.Id == viewerId ? ContactState.Self : (await ContactStatesAsync(viewerId, [row.Id], ct)).GetValueOrDefault(row.Id);
        return new ProfileView(row.Id, row.Pseudonym, row.Bio, row.Languages, row.Tags, state);
    }

    public async Task<Outcome<ProfileView>> UpdateAsync(Guid memberId, ProfileUpdate update, CancellationToken ct)
    {
        var member = await db.Users.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
            return Refusal.NotFound();

        if (update.Bio is { Length: > ProfileRules.MaxBioLength })
            return Invalid("BioTooLong", $"A bio has at most {ProfileRules.MaxBioLength} characters.");
        var languages = (update.Languages ?? member.Languages).Select(l => l.Trim().ToLowerInvariant()).Distinct().ToList();
        if (languages.Count > ProfileRules.MaxLanguages || languages.Any(l => !ProfileRules.KnownLanguages.Contains(l)))
            return Invalid("LanguagesInvalid", $"Choose up to {ProfileRules.MaxLanguages} languages from the list.");
        var tags = update.Tags is null ? member.Tags : ProfileRules.CleanTags(update.Tags);
        if (tags.Count > ProfileRules.MaxTags || tags.Any(t => t.Length > ProfileRules.MaxTagLength))
            return Invalid("TagsInvalid", $"Use up to {ProfileRules.MaxTags} tags of at most {ProfileRules.MaxTagLength} characters.");
        if (update.Culture is not null and not ("en" or "id"))
            return Invalid("CultureInvalid", "Language must be en or id.");

        if (update.Bio is not null)
            member.Bio = update.Bio.Trim();
        member.Languages = languages;
        member.Tags = tags;
        if (update.Culture is not null)
            member.PreferredCulture = update.Culture;
        await db.SaveChangesAsync(ct);
        return new ProfileView(member.Id, member.Pseudonym, member.Bio, member.Languages, member.Tags, ContactState.Self);
    }

    /// <summary>
    /// Everyone except those who blocked the viewer or whom the viewer blocked, and members taking a
    /// break (time-out or self-exclusion), whose profile is hidden while it runs.
    /// </summary>
    private IQueryable<Member> VisibleTo(Guid viewerId)
    {
        var onBreak = db.WellbeingPauses.Where(WellbeingPause.ActiveAt(clock.GetUtcNow())).Select(p => p.MemberId);
        return db.Users.AsNoTracking().Where(m => !onBreak.Contains(m.Id)
            && !db.Blocks.Any(b => (b.BlockerId == m.Id && b.BlockedId == viewerId) || (b.BlockerId == viewerId && b.BlockedId == m.Id)));
    }

    private async Task<Dictionary<Guid, ContactState>> ContactStatesAsync(Guid viewerId, List<Guid> ids, CancellationToken ct)
    {
        var states = new Dictionary<Guid, ContactState>();
        if (ids.Count == 0)
            return states;
        var requests = await db.ContactRequests.AsNoTracking()
            .Where(r => (r.FromId == viewerId && ids.Contains(r.ToId) && (r.Status == ContactRequestStatus.Pending || r.Status == ContactRequestStatus.Declined))
                     || (r.ToId == viewerId && ids.Contains(r.FromId) && r.Status == ContactRequestStatus.Pending))
            .Select(r => new { r.FromId, r.ToId }).ToListAsync(ct);
        foreach (var r in requests)
            states[r.FromId == viewerId ? r.ToId : r.FromId] = r.FromId == viewerId ? ContactState.RequestSent : ContactState.RequestReceived;

        var connected = await db.ConversationMembers.AsNoTracking()
            .Where(cm => ids.Contains(cm.MemberId) && db.ConversationMembers.Any(mine => mine.ConversationId == cm.ConversationId && mine.MemberId == viewerId))
            .Select(cm => cm.MemberId).ToListAsync(ct);
        foreach (var id in connected)
            states[id] = ContactState.Connected;
        return states;
    }

    private static Refusal Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}
