using Haven.Server.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Haven.Server.Security;

/// <summary>
/// A signed-in browser or app. Its id travels as the <see cref="SessionClaims.SessionId"/> claim in
/// the cookie or token and is checked on every request, so revoking takes effect at once.
/// </summary>
public sealed class MemberSession
{
    public Guid Id { get; set; }
    public Guid MemberId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>A short description for the member ("Chrome on Linux"), never the raw user agent or an IP.</summary>
    public required string Device { get; set; }

    /// <summary>"password", "passkey", "two-factor", "recovery-code".</summary>
    public required string Method { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<MemberSession>
    {
        public void Configure(EntityTypeBuilder<MemberSession> builder)
        {
            builder.Property(s => s.Device).HasMaxLength(80);
            builder.Property(s => s.Method).HasMaxLength(20);
            builder.HasIndex(s => new { s.MemberId, s.RevokedAt });
            builder.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>A device a member has signed in from, known only by a salted hash of its device cookie.</summary>
public sealed class KnownDevice
{
    public Guid MemberId { get; set; }

    /// <summary>SHA-256 of member id and the device cookie: useless outside this account.</summary>
    public required string Fingerprint { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<KnownDevice>
    {
        public void Configure(EntityTypeBuilder<KnownDevice> builder)
        {
            builder.HasKey(d => new { d.MemberId, d.Fingerprint });
            builder.Property(d => d.Fingerprint).HasMaxLength(64).IsFixedLength();
            builder.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

public enum SecurityNoticeKind
{
    NewDeviceSignIn,
    PasswordReset,
    TwoFactorEnabled,
    TwoFactorDisabled,
    PasskeyAdded,
}

/// <summary>Something the member should know happened to their account; shown until they have seen it.</summary>
public sealed class SecurityNotice
{
    public long Id { get; set; }
    public Guid MemberId { get; set; }
    public SecurityNoticeKind Kind { get; set; }
    public required string Device { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SeenAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<SecurityNotice>
    {
        public void Configure(EntityTypeBuilder<SecurityNotice> builder)
        {
            builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
            builder.Property(n => n.Device).HasMaxLength(80);
            builder.HasIndex(n => new { n.MemberId, n.CreatedAt });
            builder.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
        }
    }
}

/// <summary>Development outbox: emails Haven would have sent, readable at /outbox.</summary>
public sealed class OutboxEmail
{
    public long Id { get; set; }
    public required string To { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    internal sealed class Configuration : IEntityTypeConfiguration<OutboxEmail>
    {
        public void Configure(EntityTypeBuilder<OutboxEmail> builder)
        {
            builder.Property(e => e.To).HasMaxLength(254);
            builder.Property(e => e.Subject).HasMaxLength(200);
            builder.Property(e => e.Body).HasMaxLength(4000);
        }
    }
}
