namespace Haven.Server.Age;

/// <summary>Marker for the age assurance pages' strings, AgeStrings.resx (English) and AgeStrings.id.resx (Indonesian).</summary>
public sealed class AgeStrings;
