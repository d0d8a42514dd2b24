using Haven.Server.Accounts;
using Haven.Server.Chat;
using Haven.Server.Contacts;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Data;

/// <summary>
/// The one EF Core model. Each provider has a thin subclass so that it carries its own migration set.
/// </summary>
public abstract class HavenDbContext(DbContextOptions options)
    : IdentityDbContext<Member, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>Shared by every node, so cookies and tokens issued by one are valid on the others.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ContactRequest> ContactRequests => Set<ContactRequest>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<ConversationMember> ConversationMembers => Set<ConversationMember>();
    public DbSet<Message> Messages => Set<Message>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(HavenDbContext).Assembly);
    }
}

public sealed class SqliteHavenDbContext(DbContextOptions<SqliteHavenDbContext> options) : HavenDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset natively; storing UTC ticks keeps
        // ordering and range queries correct.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }
}

public sealed class PostgresHavenDbContext(DbContextOptions<PostgresHavenDbContext> options) : HavenDbContext(options);
