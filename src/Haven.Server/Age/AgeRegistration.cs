using Haven.Server.Accounts;
using Haven.Server.Chat;
using Haven.Server.Contacts;

namespace Haven.Server.Age;

public static class AgeRegistration
{
    public static IServiceCollection AddAge(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<AgeOptions>().Bind(configuration.GetSection(AgeOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        if (environment.IsDevelopment() && configuration.GetValue(AgeOptions.Section + ":TestIssuer", true))
            services.AddSingleton<TestCredentialIssuer>();
        services.AddSingleton<TrustList>();
        services.AddScoped<AgeStatusService>();
        services.AddScoped<IAgeStatus>(sp => sp.GetRequiredService<AgeStatusService>());
        services.AddScoped<CredentialVerifier>();
        services.AddScoped<ProviderVerifier>();
        services.AddScoped<ManualReviewVerifier>();
        services.AddScoped<IAgeVerifier>(sp => sp.GetRequiredService<CredentialVerifier>());
        services.AddScoped<IAgeVerifier>(sp => sp.GetRequiredService<ProviderVerifier>());
        services.AddScoped<IAgeVerifier>(sp => sp.GetRequiredService<ManualReviewVerifier>());
        services.AddScoped<IMessageGate, AgeMessageGate>();
        services.AddScoped<IContactGate, AgeContactGate>();
        services.AddSingleton<AgeReviewImageSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<AgeReviewImageSweeper>());
        return services;
    }

    public static IEndpointRouteBuilder MapAge(this IEndpointRouteBuilder endpoints)
    {
        AgeEndpoints.Map(endpoints);
        return endpoints;
    }
}
