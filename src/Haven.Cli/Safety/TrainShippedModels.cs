namespace Haven.Cli.Safety;

/// <summary>
/// The options and training-only files that produced the model files shipped in Haven.Safety (see
/// docs/safety-models.md for the command lines). Tests retrain with these and compare against the
/// shipped files. Hyperparameters were chosen by averaging hold-out scores over several split seeds.
/// </summary>
public static class TrainShippedModels
{
    public const string EnglishLicense =
        "CC BY 4.0. Trained on the SMS Spam Collection v.1 (T. A. Almeida, J. M. Gomez Hidalgo, A. Yamakami, "
        + "DocEng 2011; UCI Machine Learning Repository), seeded 80% of the Haven development split, "
        + "plus examples written for Haven. See MODEL-LICENSE.md.";

    public const string IndonesianLicense =
        "CC BY-SA 4.0. Trained on dataset_sms_spam_v1 (F. Rahmi and Y. Wibisono, 2016), seeded 80% of the Haven "
        + "development split, plus examples written for Haven; this model is shared under the same licence. See MODEL-LICENSE.md.";

    /// <summary>Examples written for Haven, relative to the repository root; used for training only.</summary>
    public const string EnglishExtra = "src/Haven.Safety/Models/training/haven-written-en.tsv";

    /// <inheritdoc cref="EnglishExtra"/>
    public const string IndonesianExtra = "src/Haven.Safety/Models/training/haven-written-id.tsv";

    public static TrainOptions English { get; } = new("sms-en", EnglishLicense, L1: 0.01f, L2: 0.003f);

    public static TrainOptions Indonesian { get; } = new("sms-id", IndonesianLicense, L1: 0.003f, L2: 0.01f, Idf: true);
}
