using Haven.Server.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Presence;

public static class PresenceRegistration
{
    public static IServiceCollection AddPresence(this IServiceCollection services)
    {
        services.AddSingleton<PresenceTracker>();
        services.AddSingleton<PresenceHubFilter>();
        // Global like the other hub filters (SignalR copies global filters into every hub); it acts on ChatHub only.
        services.Configure<HubOptions>(o => o.AddFilter<PresenceHubFilter>());
        services.AddHostedService<PresenceRenewal>();
        services.AddScoped<PresenceService>();
        return services;
    }

    public static IEndpointRouteBuilder MapPresence(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/presence", async (HttpContext http, PresenceService presence, CancellationToken ct) =>
                TypedResults.Ok(await presence.OnlinePartnersAsync(http.User.MemberId(), ct)))
            .WithTags("Presence").RequireAuthorization(Policies.Member);
        return endpoints;
    }
}
