using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Accounts;

public sealed class AccountsOptions
{
    public const string Section = "Haven:Accounts";

    /// <summary>Register, sign-in and token requests allowed per client address per minute.</summary>
    [Range(1, 10_000)]
    public int AuthRequestsPerMinute { get; set; } = 10;

    [Range(1, 100)]
    public int LockoutAfterFailures { get; set; } = 5;

    [Range(1, 24 * 60)]
    public int LockoutMinutes { get; set; } = 15;

    [Range(5, 24 * 60)]
    public int BearerTokenMinutes { get; set; } = 60;

    /// <summary>How long a node trusts a security stamp before re-reading it (self-exclusion and sign-out everywhere).</summary>
    [Range(1, 3600)]
    public int SecurityStampCheckSeconds { get; set; } = 60;
}
