using Haven.Server.Chat;
using Haven.Server.Contacts;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Moderation;

/// <summary>Reports from any message, conversation or profile: preserve evidence, open or join a case, acknowledge.</summary>
public sealed partial class ReportService(
    HavenDbContext db,
    ICaseIntake intake,
    EvidenceVault vault,
    ContactService contacts,
    NoticeService notices,
    TimeProvider clock,
    IOptions<ModerationOptions> options,
    ILogger<ReportService> logger)
{
    public async Task<Outcome<ReportView>> FileAsync(Guid reporterId, FileReportRequest request, CancellationToken ct)
    {
        if (request.Target is not { } target || request.Category is not { } category || !Enum.IsDefined(target) || !Enum.IsDefined(category))
            return new Refusal(StatusCodes.Status400BadRequest, "ReportIncomplete", "Choose what you are reporting and why.");
        var details = string.IsNullOrWhiteSpace(request.Details) ? null : request.Details.Trim();
        if (details?.Length > ModerationRules.MaxReportDetailsLength)
            return new Refusal(StatusCodes.Status400BadRequest, "DetailsTooLong", $"Please keep the details under {ModerationRules.MaxReportDetailsLength} characters.");

        var now = clock.GetUtcNow();
        var recent = await db.Set<Report>().CountAsync(r => r.ReporterId == reporterId && r.CreatedAt > now.AddHours(-1), ct);
        if (recent >= options.Value.ReportsPerHour)
            return new Refusal(StatusCodes.Status429TooManyRequests, "ReportLimitReached",
                "You have sent many reports in the last hour. Please wait a little before sending another; the ones you sent are being looked at.");

        var subject = await SubjectAsync(reporterId, target, request, ct);
        if (subject.Refusal is { } refusal)
            return refusal;
        var (subjectId, conversationId) = subject.Value;
        if (subjectId == reporterId)
            return new Refusal(StatusCodes.Status400BadRequest, "CannotReportSelf", "You can't report yourself.");

        var report = new Report
        {
            Id = Guid.CreateVersion7(),
            ReporterId = reporterId,
            SubjectMemberId = subjectId,
            Category = category,
            Target = target,
            MessageId = target == ReportTarget.Message ? request.MessageId : null,
            ConversationId = conversationId,
            Details = details,
            CreatedAt = now,
        };
        var reference = report.MessageId is { } messageId ? $"message:{messageId}" : $"report:{report.Id}";
        report.CaseId = await intake.OpenOrJoinAsync(new CaseSignal(subjectId, CaseKind.Report, ModerationRules.PriorityOf(category),
            reference, conversationId, null, false, category), ct);

        string? digest = null;
        if (conversationId is { } conversation)
        {
            var evidence = await vault.SnapshotConversationAsync(report.CaseId, conversation, $"report:{report.Id}", ct);
            report.EvidenceId = evidence.Id;
            digest = evidence.Sha256;
        }

        db.Set<Report>().Add(report);
        await db.SaveChangesAsync(ct);

        if (request.Block && await contacts.BlockAsync(reporterId, subjectId, ct) is null)
            report.Blocked = true;

        await notices.AddAsync(reporterId, NoticeKind.ReportReceived, t =>
            (t["ReportReceived_Title"], report.Blocked ? t["ReportReceived_Body"] + "\n\n" + t["ReportReceived_Blocked"] : t["ReportReceived_Body"]), ct);
        await db.SaveChangesAsync(ct);
        await notices.PublishAsync();
        LogReportFiled(logger, report.Id, report.CaseId, category);
        return View(report, digest);
    }

    public async Task<IReadOnlyList<ReportView>> ForReporterAsync(Guid reporterId, CancellationToken ct)
    {
        var rows = await db.Set<Report>().AsNoTracking().Where(r => r.ReporterId == reporterId)
            .OrderByDescending(r => r.CreatedAt).Take(200)
            .Select(r => new { Report = r, Digest = db.Set<CaseEvidence>().Where(e => e.Id == r.EvidenceId).Select(e => e.Sha256).FirstOrDefault() })
            .ToListAsync(ct);
        return rows.Select(r => View(r.Report, r.Digest)).ToList();
    }

    public async Task<Outcome<ReportView>> OneAsync(Guid reporterId, Guid reportId, CancellationToken ct)
    {
        var report = await db.Set<Report>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId && r.ReporterId == reporterId, ct);
        if (report is null)
            return Refusal.NotFound("This report could not be found.");
        var digest = await db.Set<CaseEvidence>().Where(e => e.Id == report.EvidenceId).Select(e => e.Sha256).FirstOrDefaultAsync(ct);
        return View(report, digest);
    }

    private async Task<Outcome<(Guid Subject, Guid? Conversation)>> SubjectAsync(Guid reporterId, ReportTarget target, FileReportRequest request, CancellationToken ct)
    {
        switch (target)
        {
            case ReportTarget.Message:
                var message = request.MessageId is { } messageId
                    ? await db.Messages.AsNoTracking().Where(m => m.Id == messageId
                            && db.ConversationMembers.Any(c => c.ConversationId == m.ConversationId && c.MemberId == reporterId))
                        .Select(m => new { m.SenderId, m.ConversationId }).SingleOrDefaultAsync(ct)
                    : null;
                return message is null
                    ? Refusal.NotFound("This message could not be found.")
                    : (message.SenderId, message.ConversationId);
            case ReportTarget.Conversation:
                var other = request.ConversationId is { } conversationId
                    && await db.ConversationMembers.AnyAsync(c => c.ConversationId == conversationId && c.MemberId == reporterId, ct)
                    ? await db.ConversationMembers.Where(c => c.ConversationId == conversationId && c.MemberId != reporterId)
                        .Select(c => (Guid?)c.MemberId).FirstOrDefaultAsync(ct)
                    : null;
                return other is { } otherId ? (otherId, request.ConversationId) : Refusal.NotFound("This conversation could not be found.");
            default:
                if (request.MemberId is not { } memberId || !await db.Users.AnyAsync(m => m.Id == memberId, ct))
                    return Refusal.NotFound("This member could not be found.");
                // A profile report still preserves the pair's conversation, if they have one.
                var pairKey = Conversation.PairKeyOf(reporterId, memberId);
                var pair = await db.Conversations.Where(c => c.PairKey == pairKey).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
                return (memberId, pair);
        }
    }

    private static ReportView View(Report r, string? digest) =>
        new(r.Id, r.Target, r.Category, r.CreatedAt, r.Blocked, digest, r.Outcome, r.OutcomeAt);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Report {ReportId} filed into case {CaseId} ({Category})")]
    private static partial void LogReportFiled(ILogger logger, Guid reportId, Guid caseId, ReportCategory category);
}
