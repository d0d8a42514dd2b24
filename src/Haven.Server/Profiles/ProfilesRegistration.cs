using Haven.Server.Accounts;

namespace Haven.Server.Profiles;

public static class ProfilesRegistration
{
    public static IServiceCollection AddProfiles(this IServiceCollection services)
    {
        services.AddScoped<ProfileService>();
        return services;
    }

    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/profiles").WithTags("Profiles").RequireAuthorization(Policies.Member);
        group.MapGet("/", async (string? q, string? language, string? tag, int? page, int? pageSize, HttpContext http, ProfileService profiles, CancellationToken ct) =>
            TypedResults.Ok(await profiles.BrowseAsync(http.User.MemberId(), new BrowseQuery(q, language, tag, page ?? 1, pageSize ?? 20), ct)));
        group.MapGet("/me", async Task<IResult> (HttpContext http, ProfileService profiles, CancellationToken ct) =>
            await profiles.GetAsync(http.User.MemberId(), http.User.MemberId(), ct) is { } profile ? TypedResults.Ok(profile) : TypedResults.NotFound());
        group.MapPut("/me", async Task<IResult> (ProfileUpdate update, HttpContext http, ProfileService profiles, CancellationToken ct) =>
        {
            var outcome = await profiles.UpdateAsync(http.User.MemberId(), update, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        });
        group.MapGet("/{id:guid}", async Task<IResult> (Guid id, HttpContext http, ProfileService profiles, CancellationToken ct) =>
            await profiles.GetAsync(http.User.MemberId(), id, ct) is { } profile
                ? TypedResults.Ok(profile)
                : Refusal.NotFound("This member could not be found.").ToResult());
        return endpoints;
    }
}
