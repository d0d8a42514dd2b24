using System.IO.Compression;
using Haven.Safety.Models;

namespace Haven.Safety.Tests.Models;

public sealed class SpamModelFileTests
{
    [Fact]
    public void Save_then_load_gives_identical_scores()
    {
        var model = SpamModel.LoadDefault();
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var loaded = SpamModel.Load(buffer);

        Assert.Equal(model.Settings, loaded.Settings);
        Assert.Equal(model.Heads.Select(h => h.Name), loaded.Heads.Select(h => h.Name));
        foreach (var text in Examples.EnglishSpam.Concat(Examples.EnglishHam).Concat(Examples.IndonesianFraud))
        {
            var expected = model.Score(text);
            var actual = loaded.Score(text);
            for (var o = 0; o < model.OutputCount; o++)
                Assert.Equal(expected[o], actual[o]);
        }
    }

    [Fact]
    public void Training_fingerprints_survive_a_round_trip()
    {
        var head = new SpamModelHead("t", "test", ["ham", "spam"], 0, [StableHash.Hash64("hello there")]);
        var model = SpamModel.Create(SpamFeaturizerSettings.Default with { HashBits = 10 }, head,
            [new float[(1 << 10) + SpamDenseFeatures.Count]], [0.25f]);
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var loaded = SpamModel.Load(buffer);

        Assert.True(loaded.Heads[0].WasTrainedOn("hello there"));
        Assert.False(loaded.Heads[0].WasTrainedOn("hello there!"));
        Assert.Equal(1f / (1f + MathF.Exp(-0.25f)), loaded.Score("anything").Probability(0, 1), 6);
    }

    [Fact]
    public void A_file_that_is_not_a_model_is_rejected()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionMode.Compress, leaveOpen: true))
            gzip.Write("not a model at all"u8);
        buffer.Position = 0;

        Assert.Throws<InvalidDataException>(() => SpamModel.Load(buffer));
    }

    [Fact]
    public void A_truncated_model_is_rejected()
    {
        using var whole = new MemoryStream();
        SpamModel.LoadDefaultIndonesian().Save(whole);
        using var raw = new MemoryStream();
        whole.Position = 0;
        using (var gzip = new GZipStream(whole, CompressionMode.Decompress))
            gzip.CopyTo(raw);
        using var truncated = new MemoryStream();
        using (var gzip = new GZipStream(truncated, CompressionMode.Compress, leaveOpen: true))
            gzip.Write(raw.ToArray().AsSpan(0, (int)raw.Length / 2));
        truncated.Position = 0;

        Assert.Throws<InvalidDataException>(() => SpamModel.Load(truncated));
    }

    [Fact]
    public void Models_with_different_featurizers_cannot_be_combined()
    {
        var head = new SpamModelHead("t", "test", ["ham", "spam"], 0, []);
        var small = SpamModel.Create(SpamFeaturizerSettings.Default with { HashBits = 10 }, head,
            [new float[(1 << 10) + SpamDenseFeatures.Count]], [0f]);

        Assert.Throws<ArgumentException>(() => SpamModel.Combine(small, SpamModel.LoadDefaultEnglish()));
    }
}
