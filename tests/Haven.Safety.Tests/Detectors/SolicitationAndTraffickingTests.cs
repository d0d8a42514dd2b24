using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class SolicitationAndTraffickingTests
{
    [Theory]
    [InlineData("incall available tonight, 200 roses for an hour")]
    [InlineData("GFE experience, message me for rates")]
    [InlineData("looking for a sugar baby, generous monthly allowance")]
    [InlineData("ready open BO area Bandung, chat aja")]
    [InlineData("vcs berbayar 50rb 10 menit")]
    [InlineData("ST 300rb LT 800rb, no nego")]
    public void Paid_sex_offers_are_solicitation(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Solicitation), text);

    [Theory]
    [InlineData("the movie's box office hit 3 million, BO-nya gila")]
    [InlineData("not looking for anything paid, just want to talk")]
    [InlineData("my massage therapist charges 80 dollars an hour, worth it")]
    [InlineData("my consulting rates went up this year")]
    public void Ordinary_prices_and_refusals_are_not_solicitation(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Solicitation), text);

    [Theory]
    [InlineData("my boss keeps my passport so I can't go home")]
    [InlineData("the agent holds our ID cards until we pay back the debt")]
    [InlineData("I have to work off the debt for the flight before I can quit")]
    [InlineData("KTP aku ditahan agen, katanya biar gak kabur")]
    [InlineData("semua uang dari tamu dipegang mami, aku gak dapet apa apa")]
    public void Third_party_control_and_debt_bondage_are_trafficking(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Trafficking), text);

    [Theory]
    [InlineData("watched a news report about a trafficking ring, so sad")]
    [InlineData("need to renew my passport before my trip")]
    [InlineData("my manager approved my leave, finally")]
    [InlineData("aku baca berita soal perdagangan orang, serem")]
    public void News_and_ordinary_documents_are_not_trafficking(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Trafficking), text);
}
