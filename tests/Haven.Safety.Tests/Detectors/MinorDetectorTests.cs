using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class MinorDetectorTests
{
    [Theory]
    [InlineData("hey, I'm 14 and kinda bored tonight")]
    [InlineData("im only 16 but i act older")]
    [InlineData("m/15 here, anyone up for a chat")]
    [InlineData("just turned 13 last week lol")]
    [InlineData("I'm in 9th grade, math is killing me")]
    [InlineData("wait you're 15??")]
    [InlineData("aku masih 15 tahun kak")]
    [InlineData("umurku 13, boleh kenalan?")]
    [InlineData("aku kelas 8, baru pulang")]
    [InlineData("gw masih SMP kok")]
    [InlineData("aku masih di bawah umur")]
    [InlineData("im fourteen btw")]
    [InlineData("umur aku lima belas")]
    public void Stated_ages_and_school_years_under_18_are_minor(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Minor), text);

    [Theory]
    [InlineData("I'm 15 minutes late, sorry!")]
    [InlineData("my 14 year old cat knocked over my coffee")]
    [InlineData("my son is 12 and already taller than his cousins")]
    [InlineData("when I was 16 I wanted to be a pilot")]
    [InlineData("I'm 41 but I still feel 17 inside")]
    [InlineData("I teach 8th grade science, it's chaos")]
    [InlineData("aku 10 menit lagi sampai")]
    [InlineData("kucingku umurnya 13 tahun, udah tua")]
    [InlineData("adikku kelas 9, lagi sibuk ujian")]
    [InlineData("aku guru SMP, jam segini masih koreksi tugas")]
    [InlineData("we've been married 16 years this June")]
    [InlineData("dulu pas umur 15 aku suka main layangan")]
    public void Hard_negatives_about_time_pets_family_and_the_past_are_not_minor(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Minor), text);

    [Fact]
    public void Minor_evidence_points_at_the_age_in_the_original_text()
    {
        const string text = "lol I'm 14 actually";
        var signal = Scanning.Engine.Scan(text).Find(SignalKind.Minor)!;
        Assert.Contains(signal.Evidence, span => span.Slice(text).Contains("14", StringComparison.Ordinal));
    }
}
