using System.Globalization;
using System.Resources;
using Haven.Safety.Explanations;

namespace Haven.Safety.Tests.Explanations;

public class ExplanationTests
{
    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        var manager = new ResourceManager("Haven.Safety.Explanations.Explanations", typeof(SafetyExplanations).Assembly);
        using var set = manager.GetResourceSet(CultureInfo.InvariantCulture, true, true)!;
        foreach (System.Collections.DictionaryEntry entry in set)
            data.Add((string)entry.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_explanation_exists_in_english_and_indonesian(string key)
    {
        var english = SafetyExplanations.English(key);
        var indonesian = SafetyExplanations.Indonesian(key);
        Assert.NotEqual(key, english);
        Assert.NotEqual(key, indonesian);
        Assert.NotEqual(english, indonesian);
    }

    [Fact]
    public void Every_signal_the_engine_emits_has_an_explanation()
    {
        string[] samples =
        [
            "im 14", "don't tell your mom about us", "open BO ready", "my boss keeps my passport", "stop saying no",
            "pay $200 or your pics go to your boss", "tf 100rb dong", "add me on telegram", "call 0813-2222-4567",
            "reply with your password", "you're 15? so mature for your age",
        ];
        foreach (var sample in samples)
            foreach (var signal in Scanning.Engine.Scan(sample).Signals)
                Assert.NotEqual(signal.ExplanationKey, SafetyExplanations.English(signal.ExplanationKey));
    }
}
