using Haven.Server.Accounts;

namespace Haven.Server.Transparency;

public static class TransparencyRegistration
{
    public static IServiceCollection AddTransparency(this IServiceCollection services)
    {
        services.AddScoped<TransparencyReport>();
        return services;
    }

    public static IEndpointRouteBuilder MapTransparency(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin/transparency").WithTags("Transparency").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", async Task<IResult> (string? from, string? to, string? format, TransparencyReport reports, TimeProvider clock, CancellationToken ct) =>
        {
            var period = TransparencyPeriod.Parse(from, to, clock.GetUtcNow());
            if (period.Refusal is { } refusal)
                return refusal.ToResult();
            var kind = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
            if (kind is not ("json" or "csv"))
                return new Refusal(StatusCodes.Status400BadRequest, "FormatInvalid", "Choose format=json or format=csv.").ToResult();
            var report = await reports.BuildAsync(period.Value!.From, period.Value.To, ct);
            var name = $"transparency-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}";
            return kind == "csv"
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(TransparencyCsv.Write(report)), "text/csv; charset=utf-8", name + ".csv")
                : TypedResults.Ok(report);
        });
        return endpoints;
    }
}
