using Haven.Cli.Safety;
using Haven.Safety.Models;

namespace Haven.Safety.Tests.Models;

public sealed class TrainModelTests
{
    private static readonly TrainOptions Options = new("test", "test data written for these tests");

    [Fact]
    public void Train_save_load_gives_identical_scores()
    {
        var model = TrainModel.Train(Rows(), Options);
        using var buffer = new MemoryStream();
        model.Save(buffer);
        buffer.Position = 0;
        var loaded = SpamModel.Load(buffer);

        foreach (var text in Examples.EnglishSpam.Concat(Examples.EnglishHam))
            Assert.Equal(model.Score(text).Probability(0, 1), loaded.Score(text).Probability(0, 1));
    }

    [Fact]
    public void Training_is_deterministic()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();
        TrainModel.Train(Rows(), Options).Save(first);
        TrainModel.Train(Rows(), Options).Save(second);

        Assert.Equal(first.ToArray(), second.ToArray());
    }

    [Fact]
    public void A_trained_model_learns_its_examples_and_remembers_them()
    {
        var model = TrainModel.Train(Rows(), Options with { L1 = 0, L2 = 0.01f });

        foreach (var row in Rows())
        {
            Assert.True(model.Heads[0].WasTrainedOn(row.Text));
            Assert.Equal(row.Label, model.Heads[0].Classes[model.Score(row.Text).PredictedClass(0)]);
        }
    }

    [Fact]
    public void Three_classes_train_a_softmax_head_with_the_benign_class_first()
    {
        var rows = Rows().Concat(
        [
            new SmsRow("promo", "big sale this weekend, half price on all shoes at the mall"),
            new SmsRow("promo", "new menu at our cafe, buy one coffee get one free until sunday"),
            new SmsRow("promo", "upgrade your data plan today and enjoy double quota for a month"),
        ]).ToList();

        var model = TrainModel.Train(rows, Options with { L1 = 0, L2 = 0.01f });

        Assert.Equal(["ham", "promo", "spam"], model.Heads[0].Classes);
        Assert.Equal(3, model.Heads[0].LogitCount);
        Assert.Equal("promo", model.Heads[0].Classes[model.Score("half price sale on shoes this weekend").PredictedClass(0)]);
    }

    [Fact]
    public void Data_without_a_benign_class_needs_one_named()
    {
        var rows = new[] { new SmsRow("a", "one"), new SmsRow("b", "two") };

        Assert.Throws<ArgumentException>(() => TrainModel.Train(rows, Options));
        Assert.Equal(["a", "b"], TrainModel.Train(rows, Options with { Benign = "a" }).Heads[0].Classes);
    }

    private static List<SmsRow> Rows() =>
    [
        new("spam", "WINNER! claim your free cash prize now, text WIN to 80808"),
        new("spam", "you have won a free holiday, call 09012345678 to claim today"),
        new("spam", "urgent: your account has a prize waiting, reply CLAIM now"),
        new("spam", "free ringtones and cash prizes, text GO to 85555 now"),
        new("ham", "see you at lunch tomorrow?"),
        new("ham", "I'm running late, be there in ten minutes"),
        new("ham", "thanks for dinner last night, it was lovely"),
        new("ham", "can you send me the photos from the trip"),
        new("ham", "how was the exam? call me when you're done"),
    ];
}
