using Haven.Safety.Models;

namespace Haven.Safety.Tests.Models;

public sealed class SpamFeaturizerTests
{
    private static readonly SpamFeaturizerSettings Settings = SpamFeaturizerSettings.Default;

    [Fact]
    public void Same_text_gives_the_same_features_every_time()
    {
        var first = Collect(Examples.EnglishSpam[0]);
        var second = Collect(Examples.EnglishSpam[0]);

        Assert.Equal(first.Words, second.Words);
        Assert.Equal(first.Chars, second.Chars);
        Assert.Equal(first.Dense, second.Dense);
        Assert.NotEmpty(first.Words);
        Assert.NotEmpty(first.Chars);
    }

    [Fact]
    public void Case_digits_whitespace_and_long_repeats_are_normalized_away()
    {
        var a = Collect("CALL  0800123 nowwww!!!!");
        var b = Collect("call 9999999 nowwwwwww!!!");

        Assert.Equal(a.Words, b.Words);
        Assert.Equal(a.Chars, b.Chars);
    }

    [Fact]
    public void Different_texts_give_different_features()
    {
        Assert.NotEqual(Collect("see you at the cinema").Chars, Collect("win a free prize today").Chars);
    }

    [Fact]
    public void Word_unigrams_and_bigrams_are_emitted()
    {
        var features = Collect("one two three");

        // Three words and two adjacent pairs.
        Assert.Equal(5, features.Words.Count);
        var withoutBigrams = Collect("one two three", Settings with { WordBigrams = false });
        Assert.Equal(3, withoutBigrams.Words.Count);
    }

    [Fact]
    public void Character_ngrams_cover_every_length_in_the_range()
    {
        // " abc " padded: 3-grams " ab","abc","bc ", 4-grams " abc","abc ", 5-gram " abc ".
        Assert.Equal(6, Collect("abc", Settings with { MinCharGram = 3, MaxCharGram = 5 }).Chars.Count);
        Assert.Equal(3, Collect("abc", Settings with { MinCharGram = 3, MaxCharGram = 3 }).Chars.Count);
        // Adding 2-grams " a","ab","bc","c ".
        Assert.Equal(10, Collect("abc", Settings with { MinCharGram = 2, MaxCharGram = 5 }).Chars.Count);
    }

    [Fact]
    public void Buckets_stay_inside_the_hash_space()
    {
        var small = Settings with { HashBits = 10 };
        var features = Collect(Examples.IndonesianFraud[0], small);

        Assert.All(features.Words.Concat(features.Chars), b => Assert.InRange(b, 0, small.BucketCount - 1));
    }

    [Fact]
    public void Only_the_first_max_chars_are_read()
    {
        var limited = Settings with { MaxChars = 20 };
        var text = Examples.EnglishSpam[1];

        Assert.Equal(Collect(text[..20], limited).Chars, Collect(text, limited).Chars);
    }

    [Fact]
    public void Dense_features_see_links_money_long_numbers_and_shouting()
    {
        var spam = Collect("WIN £500 NOW!!! visit www.example-prize.com or call 09012345678").Dense;
        var ham = Collect("see you at 7 tonight").Dense;

        Assert.True(spam.HasUrl);
        Assert.True(spam.HasCurrency);
        Assert.True(spam.HasLongNumber);
        Assert.True(spam.HasExclamation);
        Assert.True(spam.UpperRatio > 0.1f);
        Assert.Equal(0f, ham.UpperRatio);
        Assert.False(ham.HasUrl || ham.HasCurrency || ham.HasLongNumber || ham.HasExclamation);
        Assert.True(Collect("transfer Rp 250.000 sekarang").Dense.HasCurrency);
        Assert.True(Collect("go to bit.ly/abc").Dense.HasUrl);
    }

    [Fact]
    public void Empty_text_has_no_features()
    {
        var features = Collect("");

        Assert.Empty(features.Words);
        Assert.Empty(features.Chars);
        Assert.Equal(default, features.Dense);
    }

    [Fact]
    public void Featurizing_with_a_struct_sink_allocates_nothing()
    {
        var sink = new CountSink();
        SpamFeaturizer.Featurize(Examples.TypicalChat, Settings, ref sink);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            SpamFeaturizer.Featurize(Examples.IndonesianPromo[i % 2], Settings, ref sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(sink.Count > 1000);
    }

    [Fact]
    public void Feature_vector_indices_are_sorted_distinct_and_group_scaled()
    {
        var vector = SpamFeatureVector.Build("win win win", Settings);

        Assert.Equal(vector.Indices.Order(), vector.Indices);
        Assert.Equal(vector.Indices.Distinct().Count(), vector.Indices.Length);
        Assert.Equal(Settings.Dimension, vector.Dimension);
        Assert.All(vector.Indices, i => Assert.InRange(i, 0, Settings.Dimension - 1));
    }

    private static Features Collect(string text, SpamFeaturizerSettings? settings = null)
    {
        var sink = new ListSink([], []);
        var dense = SpamFeaturizer.Featurize(text, settings ?? Settings, ref sink);
        return new Features(sink.Words, sink.Chars, dense);
    }

    private sealed record Features(List<int> Words, List<int> Chars, SpamDenseFeatures Dense);

    private readonly struct ListSink(List<int> words, List<int> chars) : ISpamFeatureSink
    {
        public List<int> Words => words;

        public List<int> Chars => chars;

        public void AddWord(int bucket) => words.Add(bucket);

        public void AddChar(int bucket) => chars.Add(bucket);
    }

    private struct CountSink : ISpamFeatureSink
    {
        public int Count { get; private set; }

        public void AddWord(int bucket) => Count += bucket >= 0 ? 1 : 0;

        public void AddChar(int bucket) => Count += bucket >= 0 ? 1 : 0;
    }
}
