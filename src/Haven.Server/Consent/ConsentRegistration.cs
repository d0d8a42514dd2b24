using Haven.Server.Accounts;
using Haven.Server.Chat;

namespace Haven.Server.Consent;

public static class ConsentRegistration
{
    public static IServiceCollection AddConsent(this IServiceCollection services)
    {
        services.AddSingleton<ISexualContentRater, SexualContentLexicon>();
        services.AddScoped<ConsentService>();
        services.AddScoped<IConsentLevels>(sp => sp.GetRequiredService<ConsentService>());
        services.AddScoped<IMessageGate, ConsentMessageGate>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsent(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/conversations/{id:guid}/consent").WithTags("Consent").RequireAuthorization(Policies.Member);
        group.MapGet("/", async Task<IResult> (Guid id, HttpContext http, ConsentService consent, CancellationToken ct) =>
            Result(await consent.ViewAsync(http.User.MemberId(), id, ct)));
        group.MapPut("/", async Task<IResult> (Guid id, SetConsentRequest body, HttpContext http, ConsentService consent, CancellationToken ct) =>
            Result(await consent.SetAsync(http.User.MemberId(), id, body.Level, ct)));
        group.MapPost("/proposal/accept", async Task<IResult> (Guid id, HttpContext http, ConsentService consent, CancellationToken ct) =>
            Result(await consent.AnswerAsync(http.User.MemberId(), id, accept: true, ct)));
        group.MapPost("/proposal/decline", async Task<IResult> (Guid id, HttpContext http, ConsentService consent, CancellationToken ct) =>
            Result(await consent.AnswerAsync(http.User.MemberId(), id, accept: false, ct)));
        group.MapGet("/ledger", async Task<IResult> (Guid id, HttpContext http, ConsentService consent, CancellationToken ct) =>
            Result(await consent.LedgerAsync(http.User.MemberId(), id, ct)));

        endpoints.MapGet("/api/moderation/conversations/{id:guid}/consent-ledger", async Task<IResult> (Guid id, ConsentService consent, CancellationToken ct) =>
            Result(await consent.LedgerForModerationAsync(id, ct)))
            .WithTags("Consent").RequireAuthorization(Policies.Moderator);
        return endpoints;
    }

    private static IResult Result<T>(Outcome<T> outcome) => outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
}
