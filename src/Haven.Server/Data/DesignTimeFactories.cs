using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Haven.Server.Data;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own context.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHavenDbContext>
{
    public SqliteHavenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHavenDbContext>().UseSqlite("Data Source=design-time.db").UseApplicationServiceProvider(IdentityServices.Create()).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHavenDbContext>
{
    public PostgresHavenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHavenDbContext>().UseNpgsql("Host=localhost;Database=haven_design").UseApplicationServiceProvider(IdentityServices.Create()).Options);
}

/// <summary>What Identity reads from the host when building its part of the model (the schema version).</summary>
internal static class IdentityServices
{
    public static IServiceProvider Create() => new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = HavenDbContext.IdentitySchema)
        .BuildServiceProvider();
}
