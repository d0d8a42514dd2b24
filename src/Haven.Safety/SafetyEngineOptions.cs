using Haven.Safety.Models;

namespace Haven.Safety;

/// <summary>How a <see cref="SafetyEngine"/> is put together. All members have safe defaults.</summary>
public sealed record SafetyEngineOptions
{
    /// <summary>Spam/scam model; null runs the engine without a spam signal.</summary>
    public SpamModel? SpamModel { get; init; }

    /// <summary>Probability at which the model's verdict becomes a spam signal.</summary>
    public double SpamThreshold { get; init; } = 0.8;

    /// <summary>Names a phishing host would imitate.</summary>
    public IReadOnlyList<string> PlatformNames { get; init; } = ["haven"];

    /// <summary>The platform's own hosts; links to them are never phishing.</summary>
    public IReadOnlyList<string> TrustedHosts { get; init; } = [];
}
