namespace Haven.Safety.Text;

/// <summary>
/// Digit and teen number words in English and Indonesian. People spell numbers out
/// ("nol delapan satu dua", "five five five", "im fifteen") to slip past digit filters.
/// </summary>
internal static class NumberWords
{
    private static readonly Dictionary<string, string> Digits = new(StringComparer.Ordinal)
    {
        ["zero"] = "0", ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5",
        ["six"] = "6", ["seven"] = "7", ["eight"] = "8", ["nine"] = "9",
        ["nol"] = "0", ["kosong"] = "0", ["satu"] = "1", ["dua"] = "2", ["tiga"] = "3", ["empat"] = "4",
        ["lima"] = "5", ["enam"] = "6", ["tujuh"] = "7", ["delapan"] = "8", ["sembilan"] = "9",
    };

    /// <summary>Whole numbers that stand alone (ages are the reason: "fifteen", "sebelas").</summary>
    private static readonly Dictionary<string, string> Standalone = new(StringComparer.Ordinal)
    {
        ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["thirteen"] = "13", ["fourteen"] = "14",
        ["fifteen"] = "15", ["sixteen"] = "16", ["seventeen"] = "17", ["eighteen"] = "18", ["nineteen"] = "19",
        ["sepuluh"] = "10", ["sebelas"] = "11",
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> DigitLookup =
        Digits.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> StandaloneLookup =
        Standalone.GetAlternateLookup<ReadOnlySpan<char>>();

    public static bool TryDigit(ReadOnlySpan<char> word, out string digit) => DigitLookup.TryGetValue(word, out digit!);

    public static bool TryStandalone(ReadOnlySpan<char> word, out string number) =>
        StandaloneLookup.TryGetValue(word, out number!);

    /// <summary>"belas" after a digit word makes a teen in Indonesian: "lima belas" is 15.</summary>
    public static bool IsBelas(ReadOnlySpan<char> word) => word.SequenceEqual("belas");
}
