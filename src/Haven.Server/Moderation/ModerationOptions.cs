using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Moderation;

public sealed class ModerationOptions
{
    public const string Section = "Haven:Moderation";

    /// <summary>Reports one member may file per hour: enough for real trouble, too few to flood the queue.</summary>
    [Range(1, 1000)]
    public int ReportsPerHour { get; set; } = 10;

    /// <summary>How many of a conversation's latest messages a report preserves.</summary>
    [Range(1, 500)]
    public int EvidenceMessages { get; set; } = 50;

    /// <summary>How long evidence on legal hold is kept, even if the account is deleted.</summary>
    [Range(30, 3650)]
    public int LegalHoldDays { get; set; } = 365;

    /// <summary>How often each node looks for legal holds that have ended.</summary>
    [Range(1, 1440)]
    public int LegalHoldSweepMinutes { get; set; } = 60;

    [Range(1, 3650)]
    public int StrikeDays { get; set; } = 90;

    /// <summary>How long after a decision the member may appeal it.</summary>
    [Range(1, 24)]
    public int AppealMonths { get; set; } = 6;

    [Range(1, 3650)]
    public int MaxSuspendDays { get; set; } = 365;

    /// <summary>Who files authority reports, as it appears in an exported package.</summary>
    [Required, StringLength(200, MinimumLength = 1)]
    public string OperatorName { get; set; } = "Haven";
}
