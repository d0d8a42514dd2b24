namespace Haven.Server.Media;

/// <summary>Marker for the media UI's resource files, MediaStrings.resx (English) and MediaStrings.id.resx (Indonesian).</summary>
public sealed class MediaStrings;
