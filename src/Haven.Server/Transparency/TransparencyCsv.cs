using System.Globalization;
using System.Text;

namespace Haven.Server.Transparency;

/// <summary>The report as RFC 4180 CSV, one row per figure: section,metric,dimension,value (CRLF line ends).</summary>
public static class TransparencyCsv
{
    public const string Header = "section,metric,dimension,value";

    public static string Write(TransparencyReportView r)
    {
        var csv = new StringBuilder();
        csv.Append(Header).Append("\r\n");
        void Row(string section, string metric, string dimension, object? value) =>
            csv.Append(Field(section)).Append(',').Append(Field(metric)).Append(',').Append(Field(dimension)).Append(',')
                .Append(Field(Format(value))).Append("\r\n");
        void Rows<T>(string section, string metric, IReadOnlyDictionary<string, T> values)
        {
            foreach (var (dimension, value) in values)
                Row(section, metric, dimension, value);
        }

        Row("report", "format", "", r.Format);
        Row("report", "platform", "", r.Platform);
        Row("report", "period_from", "", r.From);
        Row("report", "period_to", "", r.To);
        Row("report", "generated_at", "", r.GeneratedAt);
        Row("notices", "total", "", r.Notices.Total);
        Rows("notices", "by_category", r.Notices.ByCategory);
        Row("notices", "reporter_also_blocked", "", r.Notices.ReportersWhoAlsoBlocked);
        Row("own_initiative", "total", "", r.OwnInitiative.Total);
        Rows("own_initiative", "by_category", r.OwnInitiative.ByCategory);
        Rows("own_initiative", "by_kind", r.OwnInitiative.ByKind);
        Row("actions", "total", "", r.Actions.Total);
        Rows("actions", "by_type", r.Actions.ByType);
        Rows("actions", "by_rule", r.Actions.ByRule);
        Row("actions", "automated", "", r.Actions.Automated);
        Row("actions", "manual", "", r.Actions.Manual);
        Row("actions", "rejected_by_second_moderator", "", r.Actions.RejectedBySecondModerator);
        Row("time_to_action", "cases", "", r.TimeToAction.Cases);
        Row("time_to_action", "median_hours", "", r.TimeToAction.MedianHours);
        Rows("time_to_action", "median_hours_by_category", r.TimeToAction.MedianHoursByCategory);
        Row("appeals", "filed", "", r.Appeals.Filed);
        Row("appeals", "decided", "", r.Appeals.Decided);
        Row("appeals", "upheld", "", r.Appeals.Upheld);
        Row("appeals", "reversed", "", r.Appeals.Reversed);
        Row("appeals", "still_pending", "", r.Appeals.StillPending);
        Row("appeals", "reversal_rate", "", r.Appeals.ReversalRate);
        Row("appeals", "median_hours_to_decision", "", r.Appeals.MedianHoursToDecision);
        Rows("restrictions", "by_kind", r.RestrictionsByKind);
        Row("legal_holds", "cases", "", r.LegalHolds);
        Row("authority_reports", "approved", "", r.AuthorityReports.Approved);
        Row("authority_reports", "exported", "", r.AuthorityReports.Exported);
        return csv.ToString();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        double number => number.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180: quote a field holding a comma, quote or line break, doubling the quotes.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
