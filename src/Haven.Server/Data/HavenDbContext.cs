using Haven.Server.Accounts;
using Haven.Server.Age;
using Haven.Server.Chat;
using Haven.Server.Consent;
using Haven.Server.Contacts;
using Haven.Server.Media;
using Haven.Server.MessageSafety;
using Haven.Server.Audit;
using Haven.Server.Moderation;
using Haven.Server.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Haven.Server.Wellbeing;
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
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();
    public DbSet<MediaHash> MediaHashes => Set<MediaHash>();
    public DbSet<ModerationCase> ModerationCases => Set<ModerationCase>();
    public DbSet<CaseEvidence> CaseEvidence => Set<CaseEvidence>();
    public DbSet<CaseNote> CaseNotes => Set<CaseNote>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<CaseDecision> CaseDecisions => Set<CaseDecision>();
    public DbSet<MemberRestriction> MemberRestrictions => Set<MemberRestriction>();
    public DbSet<Strike> Strikes => Set<Strike>();
    public DbSet<Appeal> Appeals => Set<Appeal>();
    public DbSet<MemberNotice> MemberNotices => Set<MemberNotice>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<MemberSession> MemberSessions => Set<MemberSession>();
    public DbSet<KnownDevice> KnownDevices => Set<KnownDevice>();
    public DbSet<SecurityNotice> SecurityNotices => Set<SecurityNotice>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();

    /// <summary>
    /// Identity's table layout. Version 3 adds passkeys. Identity reads it from the application's
    /// <see cref="IdentityOptions"/>, so the host and the design-time factories both set it from here.
    /// </summary>
    public static readonly Version IdentitySchema = IdentitySchemaVersions.Version3;
    public DbSet<WellbeingProfile> WellbeingProfiles => Set<WellbeingProfile>();
    public DbSet<WellbeingLimit> WellbeingLimits => Set<WellbeingLimit>();
    public DbSet<WellbeingPause> WellbeingPauses => Set<WellbeingPause>();
    public DbSet<UsageSession> UsageSessions => Set<UsageSession>();
    public DbSet<SpendingRecord> SpendingRecords => Set<SpendingRecord>();
    public DbSet<LimitHit> LimitHits => Set<LimitHit>();
    public DbSet<Nudge> Nudges => Set<Nudge>();
    public DbSet<SelfCheckResult> SelfCheckResults => Set<SelfCheckResult>();
    public DbSet<PartnerSummary> PartnerSummaries => Set<PartnerSummary>();
    public DbSet<AgeCheck> AgeChecks => Set<AgeCheck>();
    public DbSet<AgeNonce> AgeNonces => Set<AgeNonce>();
    public DbSet<AgeReplayKey> AgeReplayKeys => Set<AgeReplayKey>();
    public DbSet<AgeProviderSession> AgeProviderSessions => Set<AgeProviderSession>();
    public DbSet<AgeReview> AgeReviews => Set<AgeReview>();
    public DbSet<AgeReviewImage> AgeReviewImages => Set<AgeReviewImage>();
    public DbSet<ConsentChoice> ConsentChoices => Set<ConsentChoice>();
    public DbSet<ConsentProposal> ConsentProposals => Set<ConsentProposal>();
    public DbSet<ConsentLedgerEntry> ConsentLedger => Set<ConsentLedgerEntry>();
    public DbSet<ConversationRiskRecord> ConversationRiskStates => Set<ConversationRiskRecord>();

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
