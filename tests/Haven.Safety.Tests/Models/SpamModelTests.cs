using Haven.Safety.Models;

namespace Haven.Safety.Tests.Models;

public sealed class SpamModelTests
{
    private static readonly SpamModel Model = SpamModel.LoadDefault();

    [Fact]
    public void Default_model_has_the_english_and_indonesian_heads()
    {
        Assert.Collection(Model.Heads,
            en =>
            {
                Assert.Equal("sms-en", en.Name);
                Assert.Equal(["ham", "spam"], en.Classes);
                Assert.Contains("CC BY 4.0", en.License, StringComparison.Ordinal);
            },
            id =>
            {
                Assert.Equal("sms-id", id.Name);
                Assert.Equal(["normal", "fraud", "promo"], id.Classes);
                Assert.Contains("CC BY-SA 4.0", id.License, StringComparison.Ordinal);
            });
        Assert.Equal(5, Model.OutputCount);
    }

    [Theory]
    [MemberData(nameof(EnglishSpam))]
    public void English_spam_is_spam(string text)
    {
        var score = Model.Score(text);

        Assert.True(score.Probability("spam") > 0.5f, $"spam probability {score.Probability("spam")}");
        Assert.True(score.NotBenign > 0.5f);
    }

    [Theory]
    [MemberData(nameof(EnglishHam))]
    public void English_ham_is_ham(string text)
    {
        var english = SpamModel.LoadDefaultEnglish().Score(text);

        Assert.True(english.Probability("spam") < 0.5f, $"spam probability {english.Probability("spam")}");
        Assert.Equal(0, english.PredictedClass(0));
    }

    [Theory]
    [MemberData(nameof(IndonesianFraud))]
    public void Indonesian_fraud_is_fraud(string text) => AssertIndonesian(text, "fraud");

    [Theory]
    [MemberData(nameof(IndonesianPromo))]
    public void Indonesian_promotion_is_promo(string text) => AssertIndonesian(text, "promo");

    [Theory]
    [MemberData(nameof(IndonesianNormal))]
    public void Indonesian_personal_message_is_normal(string text) => AssertIndonesian(text, "normal");

    [Fact]
    public void Probabilities_of_each_head_sum_to_one()
    {
        var score = Model.Score(Examples.EnglishSpam[0]);

        for (var h = 0; h < Model.Heads.Count; h++)
        {
            var total = Enumerable.Range(0, Model.Heads[h].Classes.Count).Sum(c => score.Probability(h, c));
            Assert.Equal(1f, total, 4);
        }
    }

    [Fact]
    public void Combined_model_scores_each_head_as_the_single_models_do()
    {
        var english = SpamModel.LoadDefaultEnglish();
        var indonesian = SpamModel.LoadDefaultIndonesian();
        foreach (var text in Examples.EnglishSpam.Concat(Examples.IndonesianPromo))
        {
            var combined = Model.Score(text);
            Assert.Equal(english.Score(text).Probability(0, 1), combined.Probability(0, 1), 5);
            for (var c = 0; c < 3; c++)
                Assert.Equal(indonesian.Score(text).Probability(0, c), combined.Probability(1, c), 5);
        }
    }

    [Fact]
    public void Streaming_score_equals_the_explicit_sparse_dot_product()
    {
        var english = SpamModel.LoadDefaultEnglish();
        Span<float> logits = stackalloc float[1];
        foreach (var text in Examples.EnglishSpam.Concat(Examples.EnglishHam))
        {
            english.ScoreLogits(text, logits);
            var expected = 1f / (1f + MathF.Exp(-logits[0]));
            Assert.Equal(expected, english.Score(text).Probability(0, 1), 4);
        }
    }

    [Fact]
    public void Scoring_allocates_nothing()
    {
        Model.Score(Examples.TypicalChat);

        var total = 0f;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            total += Model.Score(i % 2 == 0 ? Examples.TypicalChat : Examples.IndonesianNormal[0]).NotBenign;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.InRange(total, 0f, 1000f);
    }

    [Fact]
    public void Empty_and_very_long_messages_score()
    {
        var empty = Model.Score("");
        var longText = Model.Score(string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 2000)));

        Assert.InRange(empty.NotBenign, 0f, 1f);
        Assert.InRange(longText.NotBenign, 0f, 1f);
    }

    public static TheoryData<string> EnglishSpam => new(Examples.EnglishSpam);

    public static TheoryData<string> EnglishHam => new(Examples.EnglishHam);

    public static TheoryData<string> IndonesianFraud => new(Examples.IndonesianFraud);

    public static TheoryData<string> IndonesianPromo => new(Examples.IndonesianPromo);

    public static TheoryData<string> IndonesianNormal => new(Examples.IndonesianNormal);

    private static void AssertIndonesian(string text, string expected)
    {
        var score = Model.Score(text);
        var head = Model.Heads[1];

        Assert.Equal(expected, head.Classes[score.PredictedClass(1)]);
    }
}
