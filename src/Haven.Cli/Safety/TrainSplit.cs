using Haven.Safety.Models;

namespace Haven.Cli.Safety;

/// <summary>
/// The seeded, stratified hold-out split that training leaves out and evaluation measures on.
/// Deterministic from (rows, fraction, seed) alone, so anyone can recompute which rows were held out.
/// </summary>
/// <remarks>
/// Per label, the distinct texts are ordered by a seeded stable hash and the first
/// round(fraction × count) are held out. A text is held out wherever it occurs, so duplicate messages
/// never sit on both sides (the SMS collections contain many exact duplicates).
/// </remarks>
public static class TrainSplit
{
    public const double DefaultFraction = 0.2;
    public const int DefaultSeed = 42;

    public static (IReadOnlyList<SmsRow> Train, IReadOnlyList<SmsRow> Holdout) Split(IReadOnlyList<SmsRow> rows, double fraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (fraction is < 0 or >= 1 || double.IsNaN(fraction))
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The hold-out fraction must be in [0, 1).");

        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in rows.GroupBy(r => r.Label, StringComparer.Ordinal))
        {
            var texts = group.Select(r => r.Text).Distinct(StringComparer.Ordinal)
                .OrderBy(t => StableHash.Hash64(t, (ulong)seed)).ThenBy(t => t, StringComparer.Ordinal)
                .ToList();
            var take = (int)Math.Round(fraction * texts.Count, MidpointRounding.AwayFromZero);
            heldOut.UnionWith(texts.Take(take));
        }

        var train = new List<SmsRow>();
        var holdout = new List<SmsRow>();
        foreach (var row in rows)
            (heldOut.Contains(row.Text) ? holdout : train).Add(row);
        return (train, holdout);
    }
}
