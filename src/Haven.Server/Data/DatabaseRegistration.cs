using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Data;

public static class DatabaseRegistration
{
    public static IServiceCollection AddHavenDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();

        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Provider == "Postgres")
        {
            var connectionString = options.ConnectionString
                ?? throw new InvalidOperationException("Haven:Database:ConnectionString is required when the provider is Postgres.");
            // Pooled: the message path creates a context per hub call, and a fresh one costs more than the query it runs.
            services.AddPooledDbContextFactory<PostgresHavenDbContext>(o => o.UseNpgsql(connectionString));
            services.AddScoped<HavenDbContext>(sp => sp.GetRequiredService<IDbContextFactory<PostgresHavenDbContext>>().CreateDbContext());
            services.AddSingleton<IDbContextFactory<HavenDbContext>, ForwardingDbContextFactory<PostgresHavenDbContext>>();
        }
        else
        {
            var connectionString = SqliteConnectionString(options.ConnectionString, environment.ContentRootPath);
            services.AddPooledDbContextFactory<SqliteHavenDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(SqliteConnectionSettings.Instance));
            services.AddScoped<HavenDbContext>(sp => sp.GetRequiredService<IDbContextFactory<SqliteHavenDbContext>>().CreateDbContext());
            services.AddSingleton<IDbContextFactory<HavenDbContext>, ForwardingDbContextFactory<SqliteHavenDbContext>>();
        }

        services.AddHostedService<DatabaseMigrator>();
        return services;
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/haven.db");
        if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        if (builder.DataSource != ":memory:")
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout: this is the busy timeout.
        builder.DefaultTimeout = 30;
        builder.Pooling = true;
        return builder.ToString();
    }

    /// <summary>Lets feature code depend on <see cref="HavenDbContext"/> whatever the provider.</summary>
    private sealed class ForwardingDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<HavenDbContext>
        where TContext : HavenDbContext
    {
        public HavenDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
