using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Haven.Server.Chat;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>
/// Preserves evidence: a canonical JSON document, its SHA-256 digest, and the document sealed with the
/// message key (bound to the evidence id) so preserved copies are as protected at rest as the messages.
/// </summary>
public sealed class EvidenceVault(HavenDbContext db, MessageCipher cipher, TimeProvider clock, IOptions<ModerationOptions> options)
{
    private static readonly JsonSerializerOptions Canonical = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    public sealed record EvidenceMessage(long Id, Guid SenderId, DateTimeOffset SentAt, string Text);

    public sealed record ConversationEvidence(Guid ConversationId, Guid[] Participants, DateTimeOffset CapturedAt, IReadOnlyList<EvidenceMessage> Messages);

    public sealed record SessionRecord(DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string Device, string Method);

    /// <summary>
    /// Haven does not log IP addresses by default, so <paramref name="RetainedIps"/> holds only addresses
    /// the operator's deployment recorded; the field exists so an authority report has a place for them.
    /// </summary>
    public sealed record AccountEvidence(Guid MemberId, string Pseudonym, string? Email, DateTimeOffset AccountCreatedAt, string PreferredCulture,
        IReadOnlyList<string> RetainedIps, IReadOnlyList<SessionRecord> Sessions, DateTimeOffset CapturedAt);

    /// <summary>Seals the conversation's latest messages into the case (not saved yet).</summary>
    public async Task<CaseEvidence> SnapshotConversationAsync(Guid caseId, Guid conversationId, string reference, CancellationToken ct)
    {
        var rows = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Id).Take(options.Value.EvidenceMessages).ToListAsync(ct);
        var participants = await db.ConversationMembers.Where(m => m.ConversationId == conversationId)
            .Select(m => m.MemberId).OrderBy(id => id).ToArrayAsync(ct);
        var messages = rows.OrderBy(m => m.Id)
            .Select(m => new EvidenceMessage(m.Id, m.SenderId, m.SentAt, cipher.Decrypt(m.Body, conversationId))).ToList();
        var document = new ConversationEvidence(conversationId, participants, clock.GetUtcNow(), messages);
        return Seal(caseId, EvidenceKind.ConversationSnapshot, reference, conversationId, JsonSerializer.Serialize(document, Canonical));
    }

    /// <summary>Seals what the account looks like now, so a legal hold outlives the account (not saved yet).</summary>
    public async Task<CaseEvidence?> SnapshotAccountAsync(Guid caseId, Guid memberId, CancellationToken ct)
    {
        var member = await db.Users.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null)
            return null;
        var sessions = await db.MemberSessions.AsNoTracking().Where(s => s.MemberId == memberId)
            .OrderBy(s => s.CreatedAt).Take(50)
            .Select(s => new SessionRecord(s.CreatedAt, s.LastSeenAt, s.Device, s.Method)).ToListAsync(ct);
        var document = new AccountEvidence(member.Id, member.Pseudonym, member.Email, member.CreatedAt, member.PreferredCulture, [], sessions, clock.GetUtcNow());
        return Seal(caseId, EvidenceKind.AccountSnapshot, $"member:{memberId}", null, JsonSerializer.Serialize(document, Canonical));
    }

    /// <summary>The preserved plaintext JSON, or null for evidence that only references something.</summary>
    public string? Open(CaseEvidence evidence) => evidence.Sealed is { } body ? cipher.Decrypt(body, evidence.Id) : null;

    public static string DigestOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private CaseEvidence Seal(Guid caseId, EvidenceKind kind, string reference, Guid? conversationId, string json)
    {
        var evidence = new CaseEvidence
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            Kind = kind,
            Reference = reference,
            ConversationId = conversationId,
            Sha256 = DigestOf(json),
            CapturedAt = clock.GetUtcNow(),
        };
        evidence.Sealed = cipher.Encrypt(json, evidence.Id);
        db.Set<CaseEvidence>().Add(evidence);
        return evidence;
    }
}
