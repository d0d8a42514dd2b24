using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Haven.Safety.Text;

namespace Haven.Safety.Tests.Text;

public class NormalizationProperties
{
    /// <summary>Strings built from chat-like pieces: letters, digits, emoji, confusables, number words, spacing.</summary>
    private static Gen<string> ChatText()
    {
        string[] pieces =
        [
            "a", "W", "0", "7", " ", "  ", "👏", "🅱️", "0️⃣", "е", "Ｗ", "’", "-", ".", "@", "$", "nol", "lima", "belas",
            "five", "\u200d", "\ud83d", "é", "\u0301", "ß", "ǅ", "ﷺ", "\t", "\n", "w h a t", "v1d30", "eeee",
        ];
        return Gen.Elements(pieces).ListOf().Select(list => string.Concat(list));
    }

    [Property(MaxTest = 500)]
    public Property Normalization_never_throws_and_every_character_maps_inside_the_original() =>
        Prop.ForAll(Arb.From(Gen.OneOf(ChatText(), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))), text =>
        {
            var normalized = TextNormalizer.Normalize(text);
            for (var i = 0; i < normalized.Length; i++)
            {
                var span = normalized.ToOriginal(i, 1);
                if (span.Start < 0 || span.End > text.Length)
                    return false;
            }

            return true;
        });

    [Property(MaxTest = 300)]
    public Property Evidence_spans_always_lie_inside_the_original_text() =>
        Prop.ForAll(Arb.From(Gen.OneOf(ChatText(), ArbMap.Default.GeneratorFor<string>().Where(s => s is not null))), text =>
        {
            var result = Scanning.Engine.Scan(text);
            return result.Signals.All(s => s.Evidence.All(e => e.Start >= 0 && e.Length >= 0 && e.End <= text.Length));
        });

    [Property(MaxTest = 200)]
    public Property Scanning_arbitrary_unicode_never_throws() =>
        Prop.ForAll(Arb.From(ArbMap.Default.GeneratorFor<string>().Where(s => s is not null)), text =>
        {
            Scanning.Engine.Scan(text + " w h a t s a p p 0812-5550-1234 " + text);
            return true;
        });
}
