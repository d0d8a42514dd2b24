using System.Text.Json;
using Haven.Server.Data;
using Haven.Server.Moderation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Transparency;

/// <summary>
/// Computes the transparency report for a period from what moderation recorded. Counts are grouped in the
/// database; durations are computed here because providers store times differently (SQLite as ticks).
/// </summary>
public sealed class TransparencyReport(HavenDbContext db, TimeProvider clock, IOptions<ModerationOptions> options)
{
    public const string FormatName = "haven-transparency/1 (modelled on the DSA transparency reporting templates, Regulation (EU) 2024/2835)";

    /// <summary>Detections that reach moderation through the safety engine rather than a hash list.</summary>
    public const string SafetySignalKind = "safety_signal";

    public async Task<TransparencyReportView> BuildAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var reports = db.Reports.AsNoTracking().Where(r => r.CreatedAt >= from && r.CreatedAt < to);
        var noticesByCategory = await reports.GroupBy(r => r.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var blocked = await reports.CountAsync(r => r.Blocked, ct);
        var notices = new NoticeFigures(noticesByCategory.Sum(g => g.Count), Counts<ReportCategory>(noticesByCategory.Select(g => (g.Key, g.Count))), blocked);

        // Haven's own detections (safety engine, hash lists) carry an explanation; members' reports never do.
        var signals = await db.Set<CaseEvidence>().AsNoTracking()
            .Where(e => e.Kind == EvidenceKind.Signal && e.Explanation != null && e.CapturedAt >= from && e.CapturedAt < to)
            .Select(e => new { e.Category, e.Explanation }).ToListAsync(ct);
        var byKind = new[] { SafetySignalKind, WireName(CaseKind.ChildSafetyMediaMatch), WireName(CaseKind.NonConsensualImageryMatch) }
            .ToDictionary(k => k, k => signals.Count(s => DetectionKind(s.Explanation!) == k));
        var detections = new DetectionFigures(signals.Count,
            Counts<ReportCategory>(signals.Where(x => x.Category is not null).GroupBy(x => x.Category!.Value).Select(g => (g.Key, g.Count()))), byKind);

        var applied = await db.Set<CaseDecision>().AsNoTracking()
            .Where(d => d.AppliedAt != null && d.AppliedAt >= from && d.AppliedAt < to)
            .Select(d => new { d.Action, d.Rule, d.Automated }).ToListAsync(ct);
        var rejected = await db.Set<CaseDecision>().AsNoTracking()
            .CountAsync(d => d.Status == DecisionStatus.Rejected && d.CreatedAt >= from && d.CreatedAt < to, ct);
        var actions = new ActionFigures(applied.Count,
            Counts<ModerationAction>(applied.GroupBy(d => d.Action).Select(g => (g.Key, g.Count()))),
            Counts<ReportCategory>(applied.Where(d => d.Action != ModerationAction.Dismiss).GroupBy(d => d.Rule).Select(g => (g.Key, g.Count()))),
            applied.Count(d => d.Automated), applied.Count(d => !d.Automated), rejected);

        var timeToAction = await TimeToActionAsync(from, to, ct);
        var appeals = await AppealsAsync(from, to, ct);

        var restrictions = await db.Set<MemberRestriction>().AsNoTracking()
            .Where(r => r.StartsAt >= from && r.StartsAt < to)
            .GroupBy(r => r.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var holds = await db.ModerationCases.AsNoTracking().CountAsync(c => c.LegalHold && c.CreatedAt >= from && c.CreatedAt < to, ct);
        var exported = await db.AuditEntries.AsNoTracking()
            .CountAsync(e => e.Action == "moderation.authority_report.export" && e.At >= from && e.At < to, ct);

        return new TransparencyReportView(FormatName, options.Value.OperatorName, from, to, clock.GetUtcNow(),
            notices, detections, actions, timeToAction, appeals,
            Counts<RestrictionKind>(restrictions.Select(r => (r.Key, r.Count))), holds,
            new AuthorityReportFigures(applied.Count(d => d.Action == ModerationAction.AuthorityReport), exported));
    }

    private async Task<TimeToActionFigures> TimeToActionAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        // Cases with a decision applied in the period, with all their applied decisions, to find the first one.
        var touched = db.Set<CaseDecision>().Where(d => d.AppliedAt != null && d.AppliedAt >= from && d.AppliedAt < to).Select(d => d.CaseId);
        var rows = await db.Set<CaseDecision>().AsNoTracking()
            .Where(d => d.AppliedAt != null && touched.Contains(d.CaseId))
            .Join(db.ModerationCases, d => d.CaseId, c => c.Id, (d, c) => new { d.CaseId, AppliedAt = d.AppliedAt!.Value, c.CreatedAt, c.Category })
            .ToListAsync(ct);
        var firsts = rows.GroupBy(r => r.CaseId)
            .Select(g => new { g.First().Category, g.First().CreatedAt, First = g.Min(r => r.AppliedAt) })
            .Where(x => x.First >= from && x.First < to)
            .ToList();
        var hours = firsts.Select(x => (x.Category, Hours: (x.First - x.CreatedAt).TotalHours)).ToList();
        var byCategory = Enum.GetValues<ReportCategory>().ToDictionary(WireName,
            c => Median(hours.Where(h => h.Category == c).Select(h => h.Hours)));
        return new TimeToActionFigures(hours.Count, Median(hours.Select(h => h.Hours)), byCategory);
    }

    private async Task<AppealFigures> AppealsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var appeals = db.Set<Appeal>().AsNoTracking();
        var filed = await appeals.Where(a => a.CreatedAt >= from && a.CreatedAt < to).Select(a => a.Status).ToListAsync(ct);
        var decided = await appeals.Where(a => a.DecidedAt != null && a.DecidedAt >= from && a.DecidedAt < to)
            .Select(a => new { a.Status, a.CreatedAt, DecidedAt = a.DecidedAt!.Value }).ToListAsync(ct);
        var upheld = decided.Count(a => a.Status == AppealStatus.Upheld);
        var reversed = decided.Count(a => a.Status == AppealStatus.Reversed);
        return new AppealFigures(filed.Count, decided.Count, upheld, reversed, filed.Count(s => s == AppealStatus.Pending),
            decided.Count == 0 ? null : Math.Round((double)reversed / decided.Count, 4),
            Median(decided.Select(a => (a.DecidedAt - a.CreatedAt).TotalHours)));
    }

    /// <summary>Hash-list matches explain themselves as <c>media.hash_match.{list}</c> (Media/MediaService.cs).</summary>
    private static string DetectionKind(string explanation) =>
        explanation.StartsWith("media.hash_match.child_safety", StringComparison.Ordinal) ? WireName(CaseKind.ChildSafetyMediaMatch)
        : explanation.StartsWith("media.hash_match.", StringComparison.Ordinal) ? WireName(CaseKind.NonConsensualImageryMatch)
        : SafetySignalKind;

    /// <summary>The median, rounded to hundredths of an hour; null when there is nothing to measure.</summary>
    public static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return null;
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 2);
    }

    /// <summary>The snake_case name the API uses for an enum value (as the JSON converters write it).</summary>
    public static string WireName<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static Dictionary<string, int> Counts<T>(IEnumerable<(T Key, int Count)> rows) where T : struct, Enum
    {
        var counts = Enum.GetValues<T>().ToDictionary(WireName, _ => 0);
        foreach (var (key, count) in rows)
            counts[WireName(key)] += count;
        return counts;
    }
}
