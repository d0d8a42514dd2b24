namespace Haven.Server.Security;

/// <summary>Marker for the security UI's resource files, SecurityStrings.resx (English) and SecurityStrings.id.resx (Indonesian).</summary>
public sealed class SecurityStrings;
