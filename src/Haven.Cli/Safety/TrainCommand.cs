using System.CommandLine;
using System.Globalization;
using Haven.Safety.Models;

namespace Haven.Cli.Safety;

/// <summary>
/// <c>haven safety train --task sms --input FILE [--input FILE ...] --output MODEL</c>: trains a spam
/// model on labelled TSV files, leaving a seeded hold-out part aside, and writes a model file that
/// <see cref="SpamModel.Load(Stream)"/> reads. The same inputs and options always give the same file.
/// </summary>
public static class TrainCommand
{
    public const string DefaultLicense = "Trained on operator-supplied data; the weights carry that data's licence.";

    public static Command Create()
    {
        var task = new Option<string>("--task") { Description = "What to train; only 'sms' exists.", Required = true };
        task.AcceptOnlyFromAmong("sms");
        var input = new Option<FileInfo[]>("--input") { Description = "Labelled TSV file (label<TAB>text); repeat for several.", Required = true };
        var extra = new Option<FileInfo[]>("--extra") { Description = "Labelled TSV file used for training only, never held out (e.g. examples you wrote)." };
        var output = new Option<FileInfo>("--output") { Description = "Model file to write.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Trainer seed.", DefaultValueFactory = _ => 42 };
        var holdout = new Option<double>("--holdout", "--split")
        {
            Description = "Fraction of each class's distinct texts held out of training (0 trains on everything).",
            DefaultValueFactory = _ => TrainSplit.DefaultFraction,
        };
        var holdoutSeed = new Option<int>("--holdout-seed") { Description = "Seed of the hold-out split.", DefaultValueFactory = _ => TrainSplit.DefaultSeed };
        var name = new Option<string?>("--name") { Description = "Head name stored in the model; defaults to the output file name." };
        var license = new Option<string>("--license") { Description = "Licence note stored in the model.", DefaultValueFactory = _ => DefaultLicense };
        var benign = new Option<string?>("--benign") { Description = "The harmless class; defaults to 'ham' or 'normal'." };
        var l1 = new Option<float>("--l1") { Description = "L1 regularization.", DefaultValueFactory = _ => TrainOptions.DefaultL1 };
        var l2 = new Option<float>("--l2") { Description = "L2 regularization.", DefaultValueFactory = _ => TrainOptions.DefaultL2 };
        var balance = new Option<float>("--class-balance")
        {
            Description = "0 weighs all examples alike, 1 weighs classes inversely to their frequency.",
            DefaultValueFactory = _ => TrainOptions.DefaultClassBalance,
        };
        var hashBits = new Option<int>("--hash-bits") { Description = "Hashed feature buckets are 2^bits.", DefaultValueFactory = _ => SpamFeaturizerSettings.Default.HashBits };
        var minGram = new Option<int>("--min-char-gram") { Description = "Shortest character n-gram.", DefaultValueFactory = _ => SpamFeaturizerSettings.Default.MinCharGram };
        var maxGram = new Option<int>("--max-char-gram") { Description = "Longest character n-gram (at most 5).", DefaultValueFactory = _ => SpamFeaturizerSettings.Default.MaxCharGram };
        var idf = new Option<bool>("--idf") { Description = "Weigh features by inverse document frequency while training." };
        var noBigrams = new Option<bool>("--no-word-bigrams") { Description = "Use single words only." };
        var preset = new Option<string?>("--preset")
        {
            Description = "Use the name, licence and hyperparameters of a shipped model (sms-en or sms-id) instead of the options above.",
        };
        preset.AcceptOnlyFromAmong("sms-en", "sms-id");
        var evaluate = new Option<bool>("--evaluate") { Description = "Afterwards, evaluate the model on the held-out rows." };
        var json = new Option<bool>("--json") { Description = "With --evaluate, print the evaluation as JSON." };
        var showErrors = new Option<int>("--show-errors") { Description = "With --evaluate, list up to this many misclassified held-out rows." };

        var command = new Command("train", "Train a spam/scam model on labelled data.")
        {
            task, input, extra, output, seed, holdout, holdoutSeed, name, license, benign, l1, l2, balance, hashBits, minGram, maxGram, noBigrams, idf, preset, evaluate, json, showErrors,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var outputFile = parse.GetRequiredValue(output);
            var options = parse.GetValue(preset) switch
            {
                "sms-en" => TrainShippedModels.English with { Seed = parse.GetValue(seed) },
                "sms-id" => TrainShippedModels.Indonesian with { Seed = parse.GetValue(seed) },
                _ => new TrainOptions(
                    parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(outputFile.Name),
                    parse.GetRequiredValue(license),
                    parse.GetValue(benign),
                    parse.GetValue(seed),
                    parse.GetValue(l1),
                    parse.GetValue(l2),
                    parse.GetValue(balance),
                    parse.GetValue(idf),
                    SpamFeaturizerSettings.Default with
                    {
                        HashBits = parse.GetValue(hashBits),
                        MinCharGram = parse.GetValue(minGram),
                        MaxCharGram = parse.GetValue(maxGram),
                        WordBigrams = !parse.GetValue(noBigrams),
                    }),
            };
            var request = new TrainRequest(
                parse.GetRequiredValue(input),
                outputFile,
                options,
                parse.GetValue(holdout),
                parse.GetValue(holdoutSeed),
                parse.GetValue(evaluate),
                parse.GetValue(json),
                parse.GetValue(showErrors),
                parse.GetValue(extra) ?? []);
            return RunAsync(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    /// <returns>0 on success, 2 on bad input.</returns>
    public static async Task<int> RunAsync(TrainRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            request.Options.Featurizer?.Validate();
            // Each input is split on its own, so which rows of a file are held out never depends on the other inputs.
            var train = new List<SmsRow>();
            var holdout = new List<SmsRow>();
            foreach (var input in request.Inputs)
            {
                var rows = await TrainData.ReadAsync(input, cancellationToken).ConfigureAwait(false);
                var (fileTrain, fileHoldout) = TrainSplit.Split(rows, request.Holdout, request.HoldoutSeed);
                train.AddRange(fileTrain);
                holdout.AddRange(fileHoldout);
            }

            train.AddRange(await TrainData.ReadAllAsync(request.Extra, cancellationToken).ConfigureAwait(false));
            var model = TrainModel.Train(train, request.Options);
            await using (var file = request.Output.Create())
                model.Save(file);
            request.Output.Refresh();

            var head = model.Heads[0];
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {request.Output.FullName} ({request.Output.Length:N0} bytes): head {head.Name}, classes [{string.Join(", ", head.Classes)}], trained on {train.Count} rows, {holdout.Count} held out (fraction {request.Holdout}, seed {request.HoldoutSeed})"))
                .ConfigureAwait(false);

            if (request.Evaluate)
            {
                var result = SmsEvaluation.Evaluate(holdout, model, string.Join(",", request.Inputs.Select(i => i.Name)));
                await SmsEvaluation.WriteAsync(result, request.Json, output, request.ShowErrors).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"training failed: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}

/// <summary>What <see cref="TrainCommand.RunAsync"/> does.</summary>
public sealed record TrainRequest(
    IReadOnlyList<FileInfo> Inputs, FileInfo Output, TrainOptions Options, double Holdout, int HoldoutSeed, bool Evaluate, bool Json, int ShowErrors = 0,
    IReadOnlyList<FileInfo>? ExtraInputs = null)
{
    /// <summary>Files used for training only.</summary>
    public IReadOnlyList<FileInfo> Extra => ExtraInputs ?? [];
}
