namespace Haven.Server.Consent;

/// <summary>Marker for the consent strings, ConsentStrings.resx (English) and ConsentStrings.id.resx (Indonesian).</summary>
public sealed class ConsentStrings;
