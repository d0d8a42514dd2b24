using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Haven.Server.Audit;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>
/// Builds the package a moderator hands to the authorities (export only, Haven never sends it):
/// report.json with fields modelled on an NCMEC CyberTipline report, every preserved evidence file,
/// and digests.txt with the SHA-256 of each file. Only after a second moderator approved the report.
/// </summary>
public sealed class AuthorityReportExport(HavenDbContext db, EvidenceVault vault, IAuditTrail audit, TimeProvider clock, IOptions<ModerationOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Reporter(string Platform, Guid PreparedBy, Guid ApprovedBy, DateTimeOffset ApprovedAt);

    public sealed record Incident(string Type, ReportCategory? Category, CaseKind OpenedBy, Guid CaseId, DateTimeOffset CaseOpenedAt, DateTimeOffset IncidentTime,
        string Facts, bool LegalHold, DateTimeOffset? HeldUntil);

    public sealed record Suspect(Guid MemberId, string? Pseudonym, string? Email, DateTimeOffset? AccountCreatedAt, IReadOnlyList<string> RetainedIps, bool AccountDeleted);

    public sealed record ContentItem(string File, EvidenceKind Kind, string Reference, Guid? ConversationId, string? Explanation, DateTimeOffset CapturedAt, string Sha256);

    public sealed record SignalItem(string Reference, ReportCategory? Category, string? Explanation, DateTimeOffset CapturedAt);

    public sealed record AuthorityReport(string Format, DateTimeOffset GeneratedAt, Reporter Reporter, Incident Incident, Suspect Suspect,
        IReadOnlyList<ContentItem> Content, IReadOnlyList<SignalItem> Signals);

    public sealed record Package(string FileName, byte[] Zip);

    public async Task<Outcome<Package>> ExportAsync(Guid moderatorId, Guid caseId, CancellationToken ct)
    {
        var c = await db.ModerationCases.AsNoTracking().SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null)
            return Refusal.NotFound("This case could not be found.");
        var approved = await db.Set<CaseDecision>().AsNoTracking()
            .Where(d => d.CaseId == caseId && d.Action == ModerationAction.AuthorityReport && d.Status == DecisionStatus.Applied)
            .OrderByDescending(d => d.AppliedAt).FirstOrDefaultAsync(ct);
        if (approved is null)
            return new Refusal(StatusCodes.Status409Conflict, "AuthorityReportNotApproved",
                "An authority report needs a decision approved by a second moderator before it can be exported.");

        var evidence = await db.Set<CaseEvidence>().AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.CapturedAt).ToListAsync(ct);
        var files = new List<(string Name, string Json, string Sha256)>();
        var content = new List<ContentItem>();
        EvidenceVault.AccountEvidence? account = null;
        foreach (var item in evidence.Where(e => e.Sealed is not null))
        {
            var json = vault.Open(item)!;
            var name = $"evidence/{item.Kind}-{item.Id}.json";
            files.Add((name, json, item.Sha256!));
            content.Add(new ContentItem(name, item.Kind, item.Reference, item.ConversationId, item.Explanation, item.CapturedAt, item.Sha256!));
            if (item.Kind == EvidenceKind.AccountSnapshot)
                account = JsonSerializer.Deserialize<EvidenceVault.AccountEvidence>(json, JsonSerializerOptions.Web);
        }

        var live = await db.Users.AsNoTracking().Where(m => m.Id == c.SubjectMemberId)
            .Select(m => new { m.Pseudonym, m.Email, m.CreatedAt }).SingleOrDefaultAsync(ct);
        var suspect = new Suspect(c.SubjectMemberId, account?.Pseudonym ?? live?.Pseudonym, account?.Email ?? live?.Email,
            account?.AccountCreatedAt ?? live?.CreatedAt, account?.RetainedIps ?? [], live is null);
        var signals = evidence.Where(e => e.Kind == EvidenceKind.Signal)
            .Select(e => new SignalItem(e.Reference, e.Category, e.Explanation, e.CapturedAt)).ToList();
        var incidentTime = evidence.Count > 0 ? evidence.Min(e => e.CapturedAt) : c.CreatedAt;
        var report = new AuthorityReport("haven-authority-report/1 (fields modelled on the NCMEC CyberTipline report)", clock.GetUtcNow(),
            new Reporter(options.Value.OperatorName, approved.ModeratorId ?? moderatorId, approved.ApproverId!.Value, approved.AppliedAt!.Value),
            new Incident(IncidentType(c.Category), c.Category, c.Kind, c.Id, c.CreatedAt, incidentTime, approved.Facts, c.LegalHold, c.LegalHoldUntil),
            suspect, content, signals);
        var reportJson = JsonSerializer.Serialize(report, Json);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "report.json", reportJson);
            var digests = new StringBuilder();
            digests.Append(EvidenceVault.DigestOf(reportJson)).Append("  report.json\n");
            foreach (var (name, json, sha) in files)
            {
                Add(zip, name, json);
                digests.Append(sha).Append("  ").Append(name).Append('\n');
            }

            Add(zip, "digests.txt", digests.ToString());
        }

        await audit.AppendAsync(new AuditEvent(AuditEvent.Member(moderatorId), "moderation.authority_report.export", $"case:{caseId}",
            new Dictionary<string, string> { ["decision"] = approved.Id.ToString(), ["files"] = files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }), ct);
        return new Package($"authority-report-{caseId:N}.zip", buffer.ToArray());
    }

    private static string IncidentType(ReportCategory? category) => category switch
    {
        ReportCategory.MinorAtRisk => "Child Sexual Exploitation / Online Enticement of Children",
        ReportCategory.Trafficking => "Child Sex Trafficking / Trafficking in Persons",
        ReportCategory.IntimateImages => "Non-consensual intimate imagery",
        ReportCategory.Coercion => "Coercion / sextortion",
        ReportCategory.Scam => "Fraud",
        _ => "Other",
    };

    private static void Add(ZipArchive zip, string name, string text)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
