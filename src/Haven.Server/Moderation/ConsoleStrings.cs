using System.Globalization;
using Haven.Safety.Policy;
using Haven.Server.Transparency;
using Microsoft.Extensions.Localization;

namespace Haven.Server.Moderation;

/// <summary>Marker for the moderator console's strings, ConsoleStrings.resx (English) and ConsoleStrings.id.resx (Indonesian).</summary>
public sealed class ConsoleStrings;

/// <summary>How the moderator console words enums, durations and times in the moderator's language.</summary>
public static class ConsoleText
{
    public static string Category(this IStringLocalizer<ConsoleStrings> c, ReportCategory? category) =>
        category is { } value ? c["Category." + TransparencyReport.WireName(value)] : c["Category.none"];

    public static string Category(this IStringLocalizer<ConsoleStrings> c, string wireName) => c["Category." + wireName];

    public static string Action(this IStringLocalizer<ConsoleStrings> c, ModerationAction action) => c["Action." + TransparencyReport.WireName(action)];

    public static string Action(this IStringLocalizer<ConsoleStrings> c, string wireName) => c["Action." + wireName];

    public static string Priority(this IStringLocalizer<ConsoleStrings> c, CasePriority priority) => c["Priority." + priority];

    public static string Kind(this IStringLocalizer<ConsoleStrings> c, CaseKind kind) => c["Kind." + TransparencyReport.WireName(kind)];

    public static string Kind(this IStringLocalizer<ConsoleStrings> c, string wireName) => c["Kind." + wireName];

    public static string Status(this IStringLocalizer<ConsoleStrings> c, DecisionStatus status) => c["DecisionStatus." + TransparencyReport.WireName(status)];

    public static string Restriction(this IStringLocalizer<ConsoleStrings> c, string wireName) => c["Restriction." + wireName];

    /// <summary>"47 h 12 min" (or "12 min", or "4 d 3 h" from three days): a takedown deadline is counted in hours and minutes.</summary>
    public static string Duration(this IStringLocalizer<ConsoleStrings> c, TimeSpan span)
    {
        var minutes = (long)Math.Floor(Math.Abs(span.TotalMinutes));
        var hours = minutes / 60;
        return hours >= 72
            ? string.Format(CultureInfo.CurrentCulture, c["Duration.Days"], hours / 24, hours % 24)
            : hours > 0
                ? string.Format(CultureInfo.CurrentCulture, c["Duration.HoursMinutes"], hours, minutes % 60)
                : string.Format(CultureInfo.CurrentCulture, c["Duration.Minutes"], minutes);
    }

    public static string Time(DateTimeOffset when) =>
        when.UtcDateTime.ToString("g", CultureInfo.CurrentCulture) + " UTC";

    /// <summary>A refusal in the moderator's language, falling back to the service's English message.</summary>
    public static string Describe(this IStringLocalizer<ConsoleStrings> c, Refusal refusal) =>
        c["Error." + refusal.Code] is { ResourceNotFound: false } s ? s.Value : refusal.Message;
}
