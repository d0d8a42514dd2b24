using Haven.Safety.Models;

namespace Haven.Cli.Safety;

/// <summary>Everything that determines a trained model; the same options on the same rows give the same weights.</summary>
/// <param name="Name">Head name stored in the model (e.g. "sms-en").</param>
/// <param name="License">Licence note stored in the model; it should follow the training data's licence.</param>
/// <param name="Benign">The harmless class; defaults to "ham" or "normal", whichever the data has.</param>
/// <param name="L1">L1 regularization weight of the L-BFGS trainer (sparser, smaller model files).</param>
/// <param name="L2">L2 regularization weight of the L-BFGS trainer.</param>
/// <param name="ClassBalance">
/// 0 weighs every example alike; 1 weighs each class inversely to its frequency (all classes count
/// equally); values between interpolate. Rare classes (spam is ~13% of SMS) otherwise lose recall.
/// </param>
/// <param name="Idf">Scale features by inverse document frequency while training (folded into the exported weights).</param>
public sealed record TrainOptions(
    string Name,
    string License,
    string? Benign = null,
    int Seed = 42,
    float L1 = TrainOptions.DefaultL1,
    float L2 = TrainOptions.DefaultL2,
    float ClassBalance = TrainOptions.DefaultClassBalance,
    bool Idf = false,
    SpamFeaturizerSettings? Featurizer = null)
{
    public const float DefaultL1 = 0.01f;
    public const float DefaultL2 = 0.003f;
    public const float DefaultClassBalance = 0f;

    /// <summary>Class names that mean "harmless" when <see cref="Benign"/> is not given.</summary>
    public static IReadOnlyList<string> BenignNames { get; } = ["ham", "normal"];
}
