using Haven.Server.Accounts;
using Haven.Server.Chat;
using Haven.Server.Contacts;
using Haven.Server.Media;

namespace Haven.Server.Moderation;

public static class ModerationRegistration
{
    public static IServiceCollection AddModeration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ModerationOptions>().Bind(configuration.GetSection(ModerationOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ICaseIntake, CaseIntake>();
        services.AddScoped<EvidenceVault>();
        services.AddScoped<NoticeService>();
        services.AddScoped<ReportService>();
        services.AddScoped<Enforcement>();
        services.AddScoped<CaseService>();
        services.AddScoped<AppealService>();
        services.AddScoped<AuthorityReportExport>();
        services.AddScoped<RestrictionGates>();
        services.AddScoped<IMessageGate>(sp => sp.GetRequiredService<RestrictionGates>());
        services.AddScoped<IContactGate>(sp => sp.GetRequiredService<RestrictionGates>());
        services.AddScoped<IMediaGate>(sp => sp.GetRequiredService<RestrictionGates>());
        services.AddScoped<IAccountErasure, ModerationErasure>();
        // Replaces MessageSafety's "no strikes" default (registered with TryAdd).
        services.AddScoped<Haven.Server.MessageSafety.IPriorStrikes, ActiveStrikes>();
        services.AddSingleton<LegalHoldSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<LegalHoldSweeper>());
        return services;
    }

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder endpoints)
    {
        ModerationEndpoints.Map(endpoints);
        return endpoints;
    }
}
