using System.Text.Json.Serialization;
using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Age;

[JsonConverter(typeof(JsonStringEnumConverter<AgeMethod>))]
public enum AgeMethod
{
    Credential,
    Provider,
    ManualReview,

    /// <summary>A moderator asked the member to verify again.</summary>
    Moderator,
}

[JsonConverter(typeof(JsonStringEnumConverter<AgeOutcome>))]
public enum AgeOutcome
{
    Verified,
    Rejected,

    /// <summary>A moderator's request to verify again: it supersedes any earlier outcome.</summary>
    ReverificationRequired,
}

/// <summary>eIDAS-style levels of assurance, as the verifier vouches for them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssuranceLevel>))]
public enum AssuranceLevel
{
    Low,
    Substantial,
    High,
}

/// <summary>
/// The outcome of one age check, and all Haven keeps of it: no document, no birth date, no
/// name. The member's current status is the newest row.
/// </summary>
public sealed class AgeCheck
{
    public long Id { get; set; }
    public Guid MemberId { get; set; }
    public AgeMethod Method { get; set; }
    public AgeOutcome Outcome { get; set; }
    public AssuranceLevel? Assurance { get; set; }

    /// <summary>Who vouched: a credential issuer id, a provider name or "manual-review".</summary>
    public string? Issuer { get; set; }

    public DateTimeOffset DecidedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AgeCheck>
    {
        public void Configure(EntityTypeBuilder<AgeCheck> builder)
        {
            builder.Property(c => c.Method).HasConversion<string>().HasMaxLength(16);
            builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(24);
            builder.Property(c => c.Assurance).HasConversion<string>().HasMaxLength(16);
            builder.Property(c => c.Issuer).HasMaxLength(256);
            builder.HasIndex(c => new { c.MemberId, c.Id });
            builder.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>A single-use challenge a credential presentation must carry.</summary>
public sealed class AgeNonce
{
    public required string Value { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AgeNonce>
    {
        public void Configure(EntityTypeBuilder<AgeNonce> builder)
        {
            builder.HasKey(n => n.Value);
            builder.Property(n => n.Value).HasMaxLength(64);
            builder.HasIndex(n => n.ExpiresAt);
            builder.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>
/// Something that must be accepted at most once (a credential's jti, a provider webhook event):
/// the unique key makes a second insert fail, whichever node receives it.
/// </summary>
public sealed class AgeReplayKey
{
    public required string Key { get; set; }
    public DateTimeOffset SeenAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AgeReplayKey>
    {
        public void Configure(EntityTypeBuilder<AgeReplayKey> builder)
        {
            builder.HasKey(k => k.Key);
            builder.Property(k => k.Key).HasMaxLength(400);
        }
    }
}

/// <summary>A check started with the external provider, completed by its signed callback.</summary>
public sealed class AgeProviderSession
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AgeProviderSession>
    {
        public void Configure(EntityTypeBuilder<AgeProviderSession> builder)
        {
            builder.HasIndex(s => s.MemberId);
            builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<AgeReviewStatus>))]
public enum AgeReviewStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// A member's ID image waiting for a reviewer. The image lives in <see cref="AgeReviewImage"/>
/// so that deleting it after the decision leaves only the outcome behind.
/// </summary>
public sealed class AgeReview
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public AgeReviewStatus Status { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public Guid? DecidedBy { get; set; }
    public DateTimeOffset? ImageDeletedAt { get; set; }
    public AgeReviewImage? Image { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AgeReview>
    {
        public void Configure(EntityTypeBuilder<AgeReview> builder)
        {
            builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
            builder.HasIndex(r => new { r.Status, r.SubmittedAt });
            builder.HasIndex(r => r.DecidedAt);
            builder.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
            builder.HasOne(r => r.Image).WithOne().HasForeignKey<AgeReviewImage>(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>The uploaded ID image itself, in the database so that every node can show it to reviewers.</summary>
public sealed class AgeReviewImage
{
    public Guid ReviewId { get; set; }
    public required string ContentType { get; set; }
    public required byte[] Bytes { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<AgeReviewImage>
    {
        public void Configure(EntityTypeBuilder<AgeReviewImage> builder)
        {
            builder.HasKey(i => i.ReviewId);
            builder.Property(i => i.ContentType).HasMaxLength(32);
        }
    }
}
