namespace Haven.Safety.Detection;

/// <summary>What a detector found. <see cref="SignalKindLabels"/> gives the label names used in data files.</summary>
public enum SignalKind
{
    Minor,
    Grooming,
    Solicitation,
    Trafficking,
    Coercion,
    Sextortion,
    MoneyRequest,
    OffPlatform,
    Pii,
    Phishing,
    Spam,
}
