using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Security;

public sealed class SecurityOptions
{
    public const string Section = "Haven:Security";

    /// <summary>
    /// Development only: emails (password reset links) go to the outbox table shown at /outbox
    /// instead of a mail server. Never enable in production: the outbox holds live reset links.
    /// </summary>
    public bool EmailOutbox { get; set; }

    /// <summary>Password-reset requests allowed per client address per window (anti-enumeration, anti-abuse).</summary>
    [Range(1, 1000)]
    public int RecoveryRequestsPerWindow { get; set; } = 5;

    /// <summary>Reset emails sent to one account per window, however many addresses ask.</summary>
    [Range(1, 100)]
    public int RecoveryEmailsPerAccount { get; set; } = 3;

    [Range(1, 24 * 60)]
    public int RecoveryWindowMinutes { get; set; } = 15;

    /// <summary>How often a session's "last active" time is written (it is read on every request).</summary>
    [Range(1, 24 * 60)]
    public int SessionTouchMinutes { get; set; } = 5;

    /// <summary>Public base address used in emailed links, e.g. https://haven.example.</summary>
    public string? PublicBaseUrl { get; set; }
}
