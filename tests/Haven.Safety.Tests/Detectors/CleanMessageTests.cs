namespace Haven.Safety.Tests.Detectors;

public class CleanMessageTests
{
    [Theory]
    [InlineData("good morning! slept well?")]
    [InlineData("you looked great in that photo, if you want to send another one I'd love it")]
    [InlineData("we both want this, let's go slow and check in with each other")]
    [InlineData("a news article about trafficking made me donate to a shelter today")]
    [InlineData("aku suka ngobrol sama kamu, bikin senyum terus")]
    [InlineData("kita sama-sama mau kok, pelan-pelan aja ya")]
    [InlineData("I'm 29, into climbing and bad movies")]
    [InlineData("dinner tonight? my treat, somewhere public, your choice")]
    public void Consensual_adult_talk_raises_no_signal(string text) =>
        Assert.Empty(Scanning.Labels(text));
}
