using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class GroomingDetectorTests
{
    [Theory]
    [InlineData("don't tell your dad we talk, he wouldn't understand us")]
    [InlineData("clear your history after we chat so nobody finds out")]
    [InlineData("say you're staying at a friend's house and I'll pick you up after school")]
    [InlineData("you're so mature for your age, way smarter than the kids in your class")]
    [InlineData("I'll buy you robux if you send me a pic just for me")]
    [InlineData("jangan bilang mama kamu ya kalau kita chat")]
    [InlineData("hapus chat kita tiap malam biar ortu gak tau")]
    [InlineData("besok aku tunggu di depan sekolahmu, jangan ajak temen")]
    [InlineData("aku beliin diamond ML asal kamu kirim foto buat aku aja")]
    [InlineData("ortu kamu gak perlu tau, mereka gak bakal ngerti")]
    public void Grooming_moves_in_one_message_are_grooming(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Grooming), text);

    [Theory]
    [InlineData("don't tell my manager I'm chatting during work lol")]
    [InlineData("keep it between us, I'm planning a surprise for my sister")]
    [InlineData("my mom keeps asking when I'll settle down haha")]
    [InlineData("jangan bilang bos aku ya, aku lagi rapat")]
    [InlineData("rahasia ya, aku masih suka nonton kartun")]
    [InlineData("I'm 15 minutes from the cafe, see you soon")]
    [InlineData("I'm 16 and I love drawing")]
    public void Secrets_between_adults_and_lone_minor_cues_are_not_grooming(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Grooming), text);
}
