namespace Haven.Server.Web;

/// <summary>Marker for the UI's resource files, Strings.resx (English) and Strings.id.resx (Indonesian).</summary>
public sealed class Strings;
