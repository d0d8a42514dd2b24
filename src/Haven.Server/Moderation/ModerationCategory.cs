using System.Text.Json.Serialization;
using Haven.Safety.Policy;

namespace Haven.Server.Moderation;

/// <summary>What a report (or an automated signal) is about; each maps to one community rule.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReportCategory>))]
public enum ReportCategory
{
    [JsonStringEnumMemberName("minor_at_risk")] MinorAtRisk,
    [JsonStringEnumMemberName("coercion")] Coercion,
    [JsonStringEnumMemberName("intimate_images")] IntimateImages,
    [JsonStringEnumMemberName("trafficking")] Trafficking,
    [JsonStringEnumMemberName("scam")] Scam,
    [JsonStringEnumMemberName("harassment")] Harassment,
    [JsonStringEnumMemberName("spam")] Spam,
    [JsonStringEnumMemberName("other")] Other,
}

/// <summary>How urgent each category is, and which ones put evidence on legal hold (docs/moderation.md).</summary>
public static class ModerationRules
{
    public const int MaxNoteLength = 4000;
    public const int MaxFactsLength = 2000;
    public const int MaxReportDetailsLength = 1000;
    public const int MaxAppealLength = 2000;

    /// <summary>Intimate images shared without consent must be taken down within this window.</summary>
    public static readonly TimeSpan IntimateImageTakedown = TimeSpan.FromHours(48);

    public static CasePriority PriorityOf(ReportCategory category) => category switch
    {
        ReportCategory.MinorAtRisk => CasePriority.Critical,
        ReportCategory.IntimateImages or ReportCategory.Coercion or ReportCategory.Trafficking => CasePriority.High,
        ReportCategory.Harassment or ReportCategory.Scam => CasePriority.Medium,
        _ => CasePriority.Low,
    };

    /// <summary>Cases about a minor, child sexual exploitation, trafficking or enticement are preserved for authorities.</summary>
    public static bool NeedsLegalHold(ReportCategory category) =>
        category is ReportCategory.MinorAtRisk or ReportCategory.Trafficking;

    public static TimeSpan? DeadlineOf(ReportCategory category) =>
        category == ReportCategory.IntimateImages ? IntimateImageTakedown : null;

    /// <summary>A case opened by a media match has no report category; it has the matching one.</summary>
    public static ReportCategory? CategoryOf(CaseKind kind) => kind switch
    {
        CaseKind.ChildSafetyMediaMatch => ReportCategory.MinorAtRisk,
        CaseKind.NonConsensualImageryMatch => ReportCategory.IntimateImages,
        _ => null,
    };
}
