namespace Haven.Cli.Safety;

/// <summary>
/// The options that produced the model files shipped in Haven.Safety (see docs/safety-models.md for
/// the command lines). Tests retrain with these and compare against the shipped files.
/// </summary>
public static class TrainShippedModels
{
    public const string EnglishLicense =
        "CC BY 4.0. Trained on the SMS Spam Collection v.1 (T. A. Almeida, J. M. Gomez Hidalgo, A. Yamakami, "
        + "DocEng 2011; UCI Machine Learning Repository), seeded 80% of the Haven development split. See MODEL-LICENSE.md.";

    public const string IndonesianLicense =
        "CC BY-SA 4.0. Trained on dataset_sms_spam_v1 (F. Rahmi and Y. Wibisono, 2016), seeded 80% of the Haven "
        + "development split; this model is shared under the same licence. See MODEL-LICENSE.md.";

    public static TrainOptions English { get; } = new("sms-en", EnglishLicense);

    public static TrainOptions Indonesian { get; } = new("sms-id", IndonesianLicense);
}
