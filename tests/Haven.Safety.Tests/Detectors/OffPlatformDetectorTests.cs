using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class OffPlatformDetectorTests
{
    [Theory]
    [InlineData("w h a t s a p p me instead")]
    [InlineData("let's switch to telegram, it's more private")]
    [InlineData("add me on snap, same name as here")]
    [InlineData("kik me: sunny_day_88")]
    [InlineData("lanjut di wa aja yuk")]
    [InlineData("pindah ke tele dong, di sini lemot")]
    [InlineData("t3l3gr4m?")]
    [InlineData("Lеt's talk on Signal")]
    public void Moves_to_other_apps_are_off_platform(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.OffPlatform), text);

    [Fact]
    public void Spaced_out_whatsapp_is_seen_as_off_platform() =>
        Assert.True(Scanning.Has("do you have w h a t s a p p", SignalKind.OffPlatform));

    [Theory]
    [InlineData("Telegram? nah, I'd rather stay here")]
    [InlineData("ke wa? gak ah, di sini aja")]
    [InlineData("wa lagi makan siang nih")]
    [InlineData("going to Snap Fitness later")]
    [InlineData("I like that Haven keeps everything here")]
    public void Declining_a_move_or_ambiguous_words_are_not_off_platform(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.OffPlatform), text);
}
