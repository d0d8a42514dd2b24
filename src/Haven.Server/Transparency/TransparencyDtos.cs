namespace Haven.Server.Transparency;

/// <summary>
/// A transparency report for the period [<paramref name="From"/>, <paramref name="To"/>), modelled on the DSA
/// transparency reporting templates (Regulation (EU) 2024/2835): notices, own-initiative detections, actions,
/// use of automated means, time to action, complaints (appeals) and their outcomes. Dictionary keys are the
/// wire names of the categories, actions and kinds; every known key is present, zero or not.
/// </summary>
public sealed record TransparencyReportView(
    string Format,
    string Platform,
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    NoticeFigures Notices,
    DetectionFigures OwnInitiative,
    ActionFigures Actions,
    TimeToActionFigures TimeToAction,
    AppealFigures Appeals,
    IReadOnlyDictionary<string, int> RestrictionsByKind,
    int LegalHolds,
    AuthorityReportFigures AuthorityReports);

/// <summary>Reports from members (DSA Art. 16 notices), by the category the reporter chose.</summary>
public sealed record NoticeFigures(int Total, IReadOnlyDictionary<string, int> ByCategory, int ReportersWhoAlsoBlocked);

/// <summary>What Haven's own systems found: safety-engine signals and hash-list matches.</summary>
public sealed record DetectionFigures(int Total, IReadOnlyDictionary<string, int> ByCategory, IReadOnlyDictionary<string, int> ByKind);

/// <summary>Decisions applied in the period; <paramref name="Automated"/> were taken without a moderator.</summary>
public sealed record ActionFigures(int Total, IReadOnlyDictionary<string, int> ByType, IReadOnlyDictionary<string, int> ByRule,
    int Automated, int Manual, int RejectedBySecondModerator);

/// <summary>Hours from a case opening to its first applied decision, for cases first decided in the period.</summary>
public sealed record TimeToActionFigures(int Cases, double? MedianHours, IReadOnlyDictionary<string, double?> MedianHoursByCategory);

/// <summary>Appeals (DSA Art. 20 complaints): filed in the period, and decided in the period.</summary>
public sealed record AppealFigures(int Filed, int Decided, int Upheld, int Reversed, int StillPending, double? ReversalRate, double? MedianHoursToDecision);

public sealed record AuthorityReportFigures(int Approved, int Exported);
