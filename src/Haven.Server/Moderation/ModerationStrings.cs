namespace Haven.Server.Moderation;

/// <summary>Marker for member-facing moderation notices, ModerationStrings.resx (English) and ModerationStrings.id.resx (Indonesian).</summary>
public sealed class ModerationStrings;
