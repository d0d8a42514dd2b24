using System.IO.Compression;
using Haven.Cli.Safety;
using Haven.Safety.Models;

namespace Haven.Safety.Tests.Models;

/// <summary>
/// Retrains each shipped model the way docs/safety-models.md says and checks the result is the
/// shipped file, weight for weight: the model files in the repository are reproducible.
/// </summary>
public sealed class ShippedModelReproductionTests
{
    [Fact]
    public Task English_model_is_reproduced_by_its_training_command() =>
        AssertReproduces(SharedData.File("sms-spam", "sms-spam-dev.tsv"), TrainShippedModels.EnglishExtra, TrainShippedModels.English,
            "Haven.Safety.Models.sms-en.hvsm");

    [Fact]
    public Task Indonesian_model_is_reproduced_by_its_training_command() =>
        AssertReproduces(SharedData.File("id-sms", "id-sms-dev.tsv"), TrainShippedModels.IndonesianExtra, TrainShippedModels.Indonesian,
            "Haven.Safety.Models.sms-id.hvsm");

    private static async Task AssertReproduces(FileInfo data, string extra, TrainOptions options, string resource)
    {
        var rows = await TrainData.ReadAsync(data);
        var (split, _) = TrainSplit.Split(rows, TrainSplit.DefaultFraction, TrainSplit.DefaultSeed);
        var train = split.Concat(await TrainData.ReadAsync(RepositoryFile(extra))).ToList();

        var model = TrainModel.Train(train, options);
        using var retrained = new MemoryStream();
        model.Save(retrained);

        using var shipped = typeof(SpamModel).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded model {resource}.");
        Assert.Equal(Decompress(shipped), Decompress(new MemoryStream(retrained.ToArray())));
    }

    private static FileInfo RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Haven.slnx")))
                return new FileInfo(Path.Combine(dir.FullName, relative));
        }

        throw new InvalidOperationException($"No repository root (Haven.slnx) above {AppContext.BaseDirectory}.");
    }

    private static byte[] Decompress(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        gzip.CopyTo(raw);
        return raw.ToArray();
    }
}
