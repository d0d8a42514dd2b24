using Haven.Server.Accounts;

namespace Haven.Server.Moderation;

internal static class ModerationEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        // Members: their own reports, notices and appeals, never anyone else's.
        var reports = endpoints.MapGroup("/api/reports").WithTags("Moderation").RequireAuthorization(Policies.Member);
        reports.MapPost("/", async Task<IResult> (FileReportRequest body, HttpContext http, ReportService service, CancellationToken ct) =>
            Result(await service.FileAsync(http.User.MemberId(), body, ct)));
        reports.MapGet("/", async (HttpContext http, ReportService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ForReporterAsync(http.User.MemberId(), ct)));
        reports.MapGet("/{id:guid}", async Task<IResult> (Guid id, HttpContext http, ReportService service, CancellationToken ct) =>
            Result(await service.OneAsync(http.User.MemberId(), id, ct)));

        var notices = endpoints.MapGroup("/api/me/notices").WithTags("Moderation").RequireAuthorization(Policies.Member);
        notices.MapGet("/", async (HttpContext http, NoticeService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ForMemberAsync(http.User.MemberId(), ct)));
        notices.MapPost("/{id:guid}/read", async Task<IResult> (Guid id, HttpContext http, NoticeService service, CancellationToken ct) =>
            (await service.MarkReadAsync(http.User.MemberId(), id, ct))?.ToResult() ?? TypedResults.NoContent());

        var appeals = endpoints.MapGroup("/api/appeals").WithTags("Moderation").RequireAuthorization(Policies.Member);
        appeals.MapPost("/", async Task<IResult> (FileAppealRequest body, HttpContext http, AppealService service, CancellationToken ct) =>
            Result(await service.FileAsync(http.User.MemberId(), body, ct)));
        appeals.MapGet("/", async (HttpContext http, AppealService service, CancellationToken ct) =>
            TypedResults.Ok(await service.ForMemberAsync(http.User.MemberId(), ct)));

        // Moderators (and admins).
        var moderation = endpoints.MapGroup("/api/moderation").WithTags("Moderation").RequireAuthorization(Policies.Moderator);
        moderation.MapGet("/queue", async (bool? mine, HttpContext http, CaseService cases, CancellationToken ct) =>
            TypedResults.Ok(await cases.QueueAsync(mine == true, http.User.MemberId(), ct)));
        moderation.MapGet("/cases", async Task<IResult> (Guid? subject, string? status, CaseService cases, CancellationToken ct) =>
            Result(await cases.CasesAsync(subject, status, ct)));
        moderation.MapGet("/cases/{id:guid}", async Task<IResult> (Guid id, HttpContext http, CaseService cases, CancellationToken ct) =>
            Result(await cases.CaseAsync(id, ct)));
        moderation.MapGet("/cases/{id:guid}/evidence/{evidenceId:guid}", async Task<IResult> (Guid id, Guid evidenceId, HttpContext http, CaseService cases, CancellationToken ct) =>
        {
            var outcome = await cases.EvidenceAsync(http.User.MemberId(), id, evidenceId, ct);
            if (outcome.Refusal is { } refusal)
                return refusal.ToResult();
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Text(outcome.Value!, "application/json");
        });
        moderation.MapPost("/cases/{id:guid}/assign", async Task<IResult> (Guid id, AssignRequest body, HttpContext http, CaseService cases, CancellationToken ct) =>
            (await cases.AssignAsync(http.User.MemberId(), id, body, ct))?.ToResult() ?? TypedResults.NoContent());
        moderation.MapPost("/cases/{id:guid}/notes", async Task<IResult> (Guid id, NoteRequest body, HttpContext http, CaseService cases, CancellationToken ct) =>
            Result(await cases.AddNoteAsync(http.User.MemberId(), id, body, ct)));
        moderation.MapPost("/cases/{id:guid}/actions", async Task<IResult> (Guid id, ActionRequest body, HttpContext http, CaseService cases, CancellationToken ct) =>
            Result(await cases.DecideAsync(http.User.MemberId(), id, body, ct)));
        moderation.MapGet("/cases/{id:guid}/export", async Task<IResult> (Guid id, HttpContext http, AuthorityReportExport export, CancellationToken ct) =>
        {
            var outcome = await export.ExportAsync(http.User.MemberId(), id, ct);
            if (outcome.Refusal is { } refusal)
                return refusal.ToResult();
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.File(outcome.Value!.Zip, "application/zip", outcome.Value.FileName);
        });
        moderation.MapGet("/approvals", async (CaseService cases, CancellationToken ct) =>
            TypedResults.Ok(await cases.PendingApprovalsAsync(ct)));
        moderation.MapPost("/approvals/{id:guid}/approve", async Task<IResult> (Guid id, HttpContext http, CaseService cases, CancellationToken ct) =>
            Result(await cases.ReviewAsync(http.User.MemberId(), id, approve: true, ct)));
        moderation.MapPost("/approvals/{id:guid}/reject", async Task<IResult> (Guid id, HttpContext http, CaseService cases, CancellationToken ct) =>
            Result(await cases.ReviewAsync(http.User.MemberId(), id, approve: false, ct)));
        moderation.MapGet("/appeals", async (HttpContext http, AppealService service, CancellationToken ct) =>
            TypedResults.Ok(await service.PendingForAsync(http.User.MemberId(), ct)));
        moderation.MapPost("/appeals/{id:guid}/decide", async Task<IResult> (Guid id, AppealDecisionRequest body, HttpContext http, AppealService service, CancellationToken ct) =>
            Result(await service.DecideAsync(http.User.MemberId(), id, body, ct)));
    }

    private static IResult Result<T>(Outcome<T> outcome) => outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
}
