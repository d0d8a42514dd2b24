using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Haven.Server.Data;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own context.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHavenDbContext>
{
    public SqliteHavenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteHavenDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHavenDbContext>
{
    public PostgresHavenDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresHavenDbContext>().UseNpgsql("Host=localhost;Database=haven_design").Options);
}
