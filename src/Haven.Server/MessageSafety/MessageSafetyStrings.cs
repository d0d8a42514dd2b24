namespace Haven.Server.MessageSafety;

/// <summary>Marker for the message safety strings, MessageSafetyStrings.resx (English) and MessageSafetyStrings.id.resx (Indonesian).</summary>
public sealed class MessageSafetyStrings;
