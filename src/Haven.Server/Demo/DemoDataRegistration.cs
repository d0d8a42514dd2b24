using Haven.Server.Data;

namespace Haven.Server.Demo;

public static class DemoDataRegistration
{
    /// <summary>Demo members and conversations, in Development only (or when Haven:Demo:Seed is true).</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddScoped<IStartupSeeder>(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var enabled = configuration.GetValue<bool?>("Haven:Demo:Seed") ?? environment.IsDevelopment();
            return enabled ? ActivatorUtilities.CreateInstance<DemoSeeder>(sp) : new NoSeeding();
        });
        return services;
    }

    private sealed class NoSeeding : IStartupSeeder
    {
        public Task SeedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
