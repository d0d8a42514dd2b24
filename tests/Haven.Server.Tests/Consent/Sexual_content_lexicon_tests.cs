using Haven.Server.Consent;

namespace Haven.Server.Tests.Consent;

public sealed class Sexual_content_lexicon_tests
{
    private readonly SexualContentLexicon _lexicon = new();

    [Theory]
    [InlineData("How was your day?")]
    [InlineData("Hujan terus di Bandung, enak buat ngopi.")]
    [InlineData("That was a classic analysis of the Sussex essays.")]
    [InlineData("")]
    public void Everyday_text_fits_the_chat_level(string text) => Assert.Equal(ConsentLevel.Chat, _lexicon.Rate(text));

    [Theory]
    [InlineData("You look sexy in that photo")]
    [InlineData("I'd love to kiss you")]
    [InlineData("Kamu seksi banget")]
    [InlineData("Pengen cium kamu")]
    public void Suggestive_text_needs_flirting(string text) => Assert.Equal(ConsentLevel.Flirting, _lexicon.Rate(text));

    [Theory]
    [InlineData("I want to fuck you")]
    [InlineData("send nudes")]
    [InlineData("so h0rny right now")]
    [InlineData("f*ck yes")]
    [InlineData("Aku lagi sange")]
    [InlineData("mau lihat aku bugil?")]
    [InlineData("SEXXX tonight?")]
    public void Explicit_text_needs_explicit_text(string text) => Assert.Equal(ConsentLevel.ExplicitText, _lexicon.Rate(text));
}
