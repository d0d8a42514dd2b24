namespace Haven.Server.Moderation;

public static class ModerationRegistration
{
    public static IServiceCollection AddModeration(this IServiceCollection services)
    {
        services.AddScoped<ICaseIntake, CaseIntake>();
        return services;
    }

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder endpoints) => endpoints;
}
