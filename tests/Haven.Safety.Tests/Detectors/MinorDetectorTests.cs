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

    [Theory]
    [InlineData("a 13-year-old girl went missing near the station yesterday")]
    [InlineData("her 14 year old son just started high school")]
    [InlineData("my 14-year-old dog still chases the ball")]
    [InlineData("the 15 yo in that movie was played by a 25 year old")]
    [InlineData("our neighbour's kids, 12 and 14, are so loud")]
    [InlineData("anak 13 tahun itu juara lomba catur")]
    [InlineData("korban 14 tahun sudah pulang ke keluarganya")]
    [InlineData("tetanggaku punya anak 15 tahun, rajin banget")]
    public void Third_person_ages_are_not_self_disclosure(string text)
    {
        var facts = Scanning.Engine.Scan(text).Facts;
        Assert.True(facts.MinorAgeSelf == 0, $"{text}: self age {facts.MinorAgeSelf}");
        Assert.False(Scanning.Has(text, SignalKind.Minor), text);
    }

    [Theory]
    [InlineData("I'm a 14 year old girl lol", 14)]
    [InlineData("im the 15 yo from the group chat", 15)]
    [InlineData("aku cewek 15 tahun dari bandung", 15)]
    [InlineData("umurku 13, boleh kenalan?", 13)]
    [InlineData("16yo here, bored", 16)]
    public void First_person_framing_keeps_an_age_the_senders_own(string text, int age) =>
        Assert.Equal(age, Scanning.Engine.Scan(text).Facts.MinorAgeSelf);

    [Theory]
    [InlineData("a 15 yr old who is this mature? you should come over")]
    [InlineData("anak 14 tahun kok km udah dewasa gini")]
    public void An_age_spoken_to_the_reader_is_the_readers(string text)
    {
        var facts = Scanning.Engine.Scan(text).Facts;
        Assert.True(facts.MinorAgeOther > 0, text);
        Assert.Equal(0, facts.MinorAgeSelf);
    }

    [Fact]
    public void Minor_evidence_points_at_the_age_in_the_original_text()
    {
        const string text = "lol I'm 14 actually";
        var signal = Scanning.Engine.Scan(text).Find(SignalKind.Minor)!;
        Assert.Contains(signal.Evidence, span => span.Slice(text).Contains("14", StringComparison.Ordinal));
    }
}
