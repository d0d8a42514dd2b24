namespace Haven.Server.Wellbeing;

/// <summary>Marker for the wellbeing strings (WellbeingStrings.resx, WellbeingStrings.id.resx).</summary>
public sealed class WellbeingStrings;
