using System.Text;
using Haven.Server.Accounts;
using Microsoft.Extensions.Localization;

namespace Haven.Server.Wellbeing;

/// <summary>
/// The member's own wellbeing API. Every route reads or changes only the signed-in member's data;
/// the one exception by design is partner summaries, readable by the partner they were shared with.
/// </summary>
internal static class WellbeingEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/wellbeing").WithTags("Wellbeing").RequireAuthorization(Policies.Member);

        group.MapGet("/settings", async (HttpContext http, WellbeingSettingsService settings, CancellationToken ct) =>
            TypedResults.Ok(await settings.GetAsync(http.User.MemberId(), ct)));
        group.MapPut("/settings", async Task<IResult> (WellbeingSettingsUpdate update, HttpContext http, WellbeingSettingsService settings, CancellationToken ct) =>
            Result(await settings.UpdateAsync(http.User.MemberId(), update, ct)));

        group.MapGet("/limits", async (HttpContext http, LimitService limits, CancellationToken ct) =>
            TypedResults.Ok(await limits.ListAsync(http.User.MemberId(), ct)));
        group.MapPut("/limits/{kind}", async Task<IResult> (string kind, LimitChange change, HttpContext http, LimitService limits, CancellationToken ct) =>
            ParseKind(kind) is { } k ? Result(await limits.ChangeAsync(http.User.MemberId(), k, change.Value, ct)) : UnknownKind());
        group.MapPost("/limits/{kind}/confirm", async Task<IResult> (string kind, HttpContext http, LimitService limits, CancellationToken ct) =>
            ParseKind(kind) is { } k ? Result(await limits.ConfirmAsync(http.User.MemberId(), k, ct)) : UnknownKind());
        group.MapPost("/limits/{kind}/cancel", async Task<IResult> (string kind, HttpContext http, LimitService limits, CancellationToken ct) =>
            ParseKind(kind) is { } k ? Result(await limits.CancelAsync(http.User.MemberId(), k, ct)) : UnknownKind());

        group.MapGet("/status", async (HttpContext http, UsageReports usage, CancellationToken ct) =>
            TypedResults.Ok(await usage.StatusAsync(http.User.MemberId(), ct)));
        group.MapGet("/usage", async (int? days, HttpContext http, UsageReports usage, CancellationToken ct) =>
            TypedResults.Ok(await usage.ReportAsync(http.User.MemberId(), days ?? 7, ct)));
        group.MapGet("/usage.csv", async (int? days, HttpContext http, UsageReports usage, CancellationToken ct) =>
        {
            var report = await usage.ReportAsync(http.User.MemberId(), days ?? 30, ct);
            return TypedResults.File(Encoding.UTF8.GetBytes(UsageReports.Csv(report)), "text/csv; charset=utf-8", $"haven-usage-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.csv");
        });

        group.MapPost("/pauses", async Task<IResult> (StartPauseRequest request, HttpContext http, PauseService pauses, CancellationToken ct) =>
            Result(await pauses.StartAsync(http.User.MemberId(), request, ct)));
        // Sign-in is closed during a self-exclusion, so asking to return proves identity with the password instead.
        endpoints.MapPost("/api/wellbeing/return", async Task<IResult> (ReturnRequest request, PauseService pauses, CancellationToken ct) =>
                Result(await pauses.RequestReturnAsync(request, ct)))
            .WithTags("Wellbeing").AllowAnonymous().RequireRateLimiting(AccountsRegistration.AuthRateLimit);

        group.MapGet("/nudges", async (HttpContext http, NudgeService nudges, CancellationToken ct) =>
            TypedResults.Ok(await nudges.ActiveAsync(http.User.MemberId(), ct)));
        group.MapPost("/nudges/{id:long}/dismiss", async Task<IResult> (long id, HttpContext http, NudgeService nudges, CancellationToken ct) =>
            (await nudges.DismissAsync(http.User.MemberId(), id, ct))?.ToResult() ?? TypedResults.NoContent());

        group.MapGet("/self-checks", async (HttpContext http, SelfCheckService checks, CancellationToken ct) =>
            TypedResults.Ok(await checks.HistoryAsync(http.User.MemberId(), ct)));
        group.MapPost("/self-checks", async Task<IResult> (SelfCheckSubmission submission, HttpContext http, SelfCheckService checks, CancellationToken ct) =>
            Result(await checks.SubmitAsync(http.User.MemberId(), submission, ct)));
        group.MapDelete("/self-checks", async (HttpContext http, SelfCheckService checks, CancellationToken ct) =>
        {
            await checks.ForgetAsync(http.User.MemberId(), ct);
            return TypedResults.NoContent();
        });

        group.MapGet("/partner", async Task<IResult> (HttpContext http, PartnerService partners, CancellationToken ct) =>
            await partners.GetAsync(http.User.MemberId(), ct) is { } partner ? TypedResults.Ok(partner) : TypedResults.NoContent());
        group.MapPut("/partner", async Task<IResult> (PartnerRequest request, HttpContext http, PartnerService partners, CancellationToken ct) =>
            Result(await partners.SetAsync(http.User.MemberId(), request.MemberId, ct)));
        group.MapDelete("/partner", async (HttpContext http, PartnerService partners, CancellationToken ct) =>
        {
            await partners.RevokeAsync(http.User.MemberId(), ct);
            return TypedResults.NoContent();
        });
        group.MapGet("/partner/shared-with-me", async (HttpContext http, PartnerService partners, CancellationToken ct) =>
            TypedResults.Ok(await partners.SharedWithAsync(http.User.MemberId(), ct)));

        endpoints.MapGet("/api/wellbeing/helplines", (string? country, IStringLocalizer<WellbeingStrings> text) =>
                TypedResults.Ok(Helplines.For(country).Select(h => new HelplineView(h.Country, h.Name, h.Number, h.Dial, h.Url, text[h.DescriptionKey])).ToList()))
            .WithTags("Wellbeing").AllowAnonymous();
    }

    private static LimitKind? ParseKind(string kind) =>
        Enum.TryParse<LimitKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _) ? parsed : null;

    private static IResult UnknownKind() =>
        new Refusal(StatusCodes.Status400BadRequest, "LimitKindUnknown", "This kind of limit does not exist.").ToResult();

    private static IResult Result<T>(Outcome<T> outcome) => outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
}
