using System.Globalization;
using Haven.Safety.Media;
using Haven.Safety.Policy;
using Haven.Server.Audit;
using Haven.Server.Chat;
using Haven.Server.Data;
using Haven.Server.Moderation;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Media;

/// <summary>Sending and fetching images on behalf of a member; every call checks conversation membership.</summary>
public sealed partial class MediaService(
    HavenDbContext db,
    ChatService chat,
    ImageSanitizer sanitizer,
    MediaCipher cipher,
    IMediaConsent consent,
    IEnumerable<IMediaGate> gates,
    IOptions<MediaOptions> options,
    IHubContext<ChatHub, IChatClient> hub,
    IAuditTrail audit,
    ICaseIntake intake,
    TimeProvider clock,
    ILogger<MediaService> logger)
{
    /// <summary>The refusal a hash-list match gets: the same words for every list, so nothing is tipped off.</summary>
    public static readonly Refusal Blocked = new(StatusCodes.Status422UnprocessableEntity, "ImageBlocked",
        "This image can't be shared on Haven.");

    /// <summary>Validates, re-encodes, checks hash lists, stores and delivers an image; returns the sender's view.</summary>
    public async Task<Outcome<MediaView>> SendAsync(
        Guid senderId, Guid conversationId, byte[] upload, CancellationToken ct)
    {
        var access = await chat.AccessAsync(senderId, conversationId, ct);
        if (access.Refusal is not null)
            return access.Refusal;
        if (await GateAsync(senderId, conversationId, MediaAction.Send, ct) is { } refused)
            return refused;

        var sanitized = sanitizer.Sanitize(upload);
        if (sanitized.Refusal is not null)
            return sanitized.Refusal;
        var image = sanitized.Value!;

        var match = await MatchAsync(image.Pdq, ct);
        var item = new MediaItem
        {
            Id = Guid.CreateVersion7(),
            ConversationId = conversationId,
            SenderId = senderId,
            SentAt = clock.GetUtcNow(),
            State = match is null ? MediaState.Delivered : MediaState.Blocked,
            Width = image.Width,
            Height = image.Height,
            Body = [],
            Preview = [],
            Pdq = image.Pdq.Hash.ToString(),
            PdqQuality = image.Pdq.Quality,
        };
        item.Body = cipher.Encrypt(image.Jpeg, item.Id, conversationId);
        item.Preview = cipher.Encrypt(image.Preview, item.Id, conversationId);
        db.MediaItems.Add(item);
        if (match is { } list)
        {
            var caseId = await intake.OpenOrJoinAsync(SignalOf(list, item), ct);
            await audit.AppendAsync(new AuditEvent(AuditEvent.System("media"), "media.block_hash_match", AuditEvent.Member(item.SenderId),
                new Dictionary<string, string> { ["media"] = item.Id.ToString(), ["list"] = list.ToString(), ["case"] = caseId.ToString() }), ct);
            LogBlocked(logger, item.Id, caseId, list);
            return Blocked;
        }

        await db.SaveChangesAsync(ct);
        var explicitAllowed = await consent.AllowsExplicitMediaAsync(conversationId, ct);
        var senderView = View(item, blurred: false);
        await hub.Clients.Users(access.Value!.Select(r => r.ToString())).MediaReceived(View(item, blurred: !explicitAllowed));
        await hub.Clients.User(senderId.ToString()).MediaReceived(senderView);
        return senderView;
    }

    public async Task<Outcome<IReadOnlyList<MediaView>>> ListAsync(Guid memberId, Guid conversationId, CancellationToken ct)
    {
        var access = await chat.AccessAsync(memberId, conversationId, ct, forReading: true);
        if (access.Refusal is not null)
            return access.Refusal;
        var explicitAllowed = await consent.AllowsExplicitMediaAsync(conversationId, ct);
        var rows = await db.MediaItems.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && m.State == MediaState.Delivered)
            .Select(m => new { m.Id, m.ConversationId, m.SenderId, m.SentAt, m.Width, m.Height })
            .ToListAsync(ct);
        return rows.OrderBy(m => m.SentAt)
            .Select(m => new MediaView(m.Id, m.ConversationId, m.SenderId, m.SentAt, m.Width, m.Height, m.SenderId != memberId && !explicitAllowed))
            .ToList();
    }

    /// <summary>The image bytes (JPEG) if <paramref name="memberId"/> is in its conversation and may see images.</summary>
    public async Task<Outcome<byte[]>> ReadAsync(Guid memberId, Guid mediaId, bool preview, CancellationToken ct)
    {
        var item = await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mediaId && m.State == MediaState.Delivered, ct);
        if (item is null)
            return Refusal.NotFound("This image could not be found.");
        var access = await chat.AccessAsync(memberId, item.ConversationId, ct, forReading: true);
        if (access.Refusal is not null)
            return Refusal.NotFound("This image could not be found.");
        if (await GateAsync(memberId, item.ConversationId, MediaAction.View, ct) is { } refused)
            return refused;
        return cipher.Decrypt(preview ? item.Preview : item.Body, item.Id, item.ConversationId);
    }

    /// <summary>
    /// Adds hashes to a list. Images already delivered that match a newly listed hash are taken
    /// down at once and get the same case an upload would have opened.
    /// </summary>
    public async Task<HashListImportResult> ImportAsync(HashListKind list, IEnumerable<string> lines, string source, string actor, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var known = (await db.MediaHashes.AsNoTracking().Where(h => h.List == list).Select(h => h.Hash).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var added = new List<PdqHash>();
        int invalid = 0, duplicate = 0;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var token = line.Split([' ', '\t', ','], 2)[0];
            if (!PdqHash.TryParse(token, out var hash))
            {
                invalid++;
                continue;
            }

            var hex = hash.ToString();
            if (!known.Add(hex))
            {
                duplicate++;
                continue;
            }

            added.Add(hash);
            db.MediaHashes.Add(new MediaHash { List = list, Hash = hex, Source = source.Length > 100 ? source[..100] : source, AddedAt = now });
        }

        var takenDown = 0;
        if (added.Count > 0)
        {
            var delivered = await db.MediaItems.Where(m => m.State == MediaState.Delivered && m.PdqQuality >= options.Value.MinimumQuality)
                .Select(m => new { m.Id, m.Pdq }).ToListAsync(ct);
            foreach (var candidate in delivered)
            {
                var hash = PdqHash.Parse(candidate.Pdq);
                if (!added.Any(h => h.DistanceTo(hash) <= options.Value.MatchDistance))
                    continue;
                var item = await db.MediaItems.SingleAsync(m => m.Id == candidate.Id, ct);
                item.State = MediaState.TakenDown;
                await intake.OpenOrJoinAsync(SignalOf(list, item), ct);
                takenDown++;
            }
        }

        await audit.AppendAsync(new AuditEvent(actor, "media.hash_list_import", $"hash-list:{list}", new Dictionary<string, string>
        {
            ["added"] = added.Count.ToString(CultureInfo.InvariantCulture),
            ["takenDown"] = takenDown.ToString(CultureInfo.InvariantCulture),
        }), ct);
        LogImported(logger, list, added.Count, takenDown);
        return new HashListImportResult(list, added.Count, duplicate, invalid, takenDown);
    }

    private async Task<HashListKind?> MatchAsync(PdqResult pdq, CancellationToken ct)
    {
        if (pdq.Quality < options.Value.MinimumQuality)
            return null;
        // Child safety first: when an image is on both lists the stricter handling applies.
        HashListKind? found = null;
        await foreach (var row in db.MediaHashes.AsNoTracking().Select(h => new { h.List, h.Hash }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (found == HashListKind.ChildSafety)
                break;
            if (PdqHash.TryParse(row.Hash, out var listed) && listed.DistanceTo(pdq.Hash) <= options.Value.MatchDistance
                && (found is null || row.List == HashListKind.ChildSafety))
                found = row.List;
        }

        return found;
    }

    /// <summary>Moderation opens (or joins) the sender's case: child-safety matches go on legal hold, NCII gets its 48-hour deadline.</summary>
    private static CaseSignal SignalOf(HashListKind list, MediaItem item) => list switch
    {
        HashListKind.ChildSafety => new CaseSignal(item.SenderId, CaseKind.ChildSafetyMediaMatch, CasePriority.Critical, $"media:{item.Id}",
            item.ConversationId, "media.hash_match.child_safety", LegalHold: true),
        _ => new CaseSignal(item.SenderId, CaseKind.NonConsensualImageryMatch, CasePriority.High, $"media:{item.Id}",
            item.ConversationId, "media.hash_match.ncii"),
    };

    private async Task<Refusal?> GateAsync(Guid memberId, Guid conversationId, MediaAction action, CancellationToken ct)
    {
        foreach (var gate in gates)
            if (await gate.CheckAsync(memberId, conversationId, action, ct) is { } refused)
                return refused;
        return null;
    }

    private static MediaView View(MediaItem m, bool blurred) => new(m.Id, m.ConversationId, m.SenderId, m.SentAt, m.Width, m.Height, blurred);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Upload {MediaId} matched the {List} hash list and was blocked; case {CaseId} opened")]
    private static partial void LogBlocked(ILogger logger, Guid mediaId, Guid caseId, HashListKind list);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Imported {Added} hashes into the {List} list; {TakenDown} delivered images taken down")]
    private static partial void LogImported(ILogger logger, HashListKind list, int added, int takenDown);
}
