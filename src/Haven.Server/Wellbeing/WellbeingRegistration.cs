using Haven.Server.Accounts;
using Haven.Server.Chat;
using Haven.Server.Contacts;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Wellbeing;

public static class WellbeingRegistration
{
    public static IServiceCollection AddWellbeing(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WellbeingOptions>().Bind(configuration.GetSection(WellbeingOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<HubPresence>();
        services.AddSingleton<PauseCache>();
        services.AddSingleton<UsageRecorder>();
        services.AddSingleton<WellbeingHubFilter>();
        // Global, not per hub: SignalR copies global filters into every hub's options, so per-hub
        // registration could be overwritten by another AddHubOptions<ChatHub>. The filter itself only acts on ChatHub.
        services.Configure<HubOptions>(o => o.AddFilter<WellbeingHubFilter>());
        services.AddScoped<LimitService>();
        services.AddScoped<PauseService>();
        services.AddScoped<UsageReports>();
        services.AddScoped<SpendingService>();
        services.AddScoped<NudgeService>();
        services.AddScoped<SelfCheckService>();
        services.AddScoped<PartnerService>();
        services.AddScoped<WellbeingSettingsService>();
        services.AddScoped<ISignInGate, PauseSignInGate>();
        services.AddScoped<IContactGate, PauseContactGate>();
        services.AddScoped<IMessageGate, WellbeingMessageGate>();
        services.AddHostedService<WellbeingSweeper>();
        return services;
    }

    public static IEndpointRouteBuilder MapWellbeing(this IEndpointRouteBuilder endpoints)
    {
        WellbeingEndpoints.Map(endpoints);
        return endpoints;
    }
}
