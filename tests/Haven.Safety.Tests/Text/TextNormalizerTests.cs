using Haven.Safety.Text;

namespace Haven.Safety.Tests.Text;

public class TextNormalizerTests
{
    [Theory]
    [InlineData("W H A T S A P P", "whatsapp")]
    [InlineData("w👏h👏a👏t👏s👏a👏p👏p", "whatsapp")]
    [InlineData("Tеlеgram", "telegram")]
    [InlineData("ＷＨＡＴＳＡＰＰ", "whatsapp")]
    [InlineData("v1d30 k4mu", "video kamu")]
    [InlineData("d0nt t3ll", "dont tell")]
    [InlineData("pleeeease", "please")]
    [InlineData("nol delapan satu dua", "0812")]
    [InlineData("five five five one", "5551")]
    [InlineData("im fifteen", "im 15")]
    [InlineData("umur lima belas", "umur 15")]
    [InlineData("🅱️🅾️", "bo")]
    [InlineData("0️⃣8️⃣1️⃣2️⃣", "0812")]
    [InlineData("don’t", "dont")]
    [InlineData("Crème brûlée", "creme brulee")]
    public void Obfuscations_normalize_to_plain_text(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input).ToString());

    [Theory]
    [InlineData("500rb")]
    [InlineData("1jt")]
    [InlineData("8th")]
    [InlineData("temen2")]
    public void Numbers_with_units_and_reduplication_are_not_leetspeak(string input) =>
        Assert.Equal(input, TextNormalizer.Normalize(input).ToString());

    [Fact]
    public void Spaced_out_letters_map_back_to_the_whole_spaced_original()
    {
        const string text = "add me on w h a t s a p p pls";
        var normalized = TextNormalizer.Normalize(text);
        var index = normalized.ToString().IndexOf("whatsapp", StringComparison.Ordinal);
        var span = normalized.ToOriginal(index, "whatsapp".Length);
        Assert.Equal("w h a t s a p p", span.Slice(text));
    }

    [Fact]
    public void Number_words_map_back_to_the_words_they_came_from()
    {
        const string text = "nomor nol delapan satu dua ya";
        var normalized = TextNormalizer.Normalize(text);
        var index = normalized.ToString().IndexOf("0812", StringComparison.Ordinal);
        Assert.Equal("nol delapan satu dua", normalized.ToOriginal(index, 4).Slice(text));
    }

    [Fact]
    public void Empty_text_normalizes_to_empty() => Assert.Equal(0, TextNormalizer.Normalize(string.Empty).Length);
}
