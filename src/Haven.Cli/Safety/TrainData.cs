namespace Haven.Cli.Safety;

/// <summary>One labelled example of an SMS-style TSV file (<c>label&lt;TAB&gt;text</c>).</summary>
public sealed record SmsRow(string Label, string Text);

/// <summary>Reads labelled TSV files: an optional <c>label&lt;TAB&gt;text</c> header, then one example per line.</summary>
public static class TrainData
{
    public static async Task<IReadOnlyList<SmsRow>> ReadAsync(FileInfo file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        var rows = new List<SmsRow>();
        var lineNumber = 0;
        await foreach (var line in File.ReadLinesAsync(file.FullName, cancellationToken))
        {
            lineNumber++;
            if (line.Length == 0)
                continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0)
                throw new InvalidDataException($"{file.Name}:{lineNumber}: expected 'label<TAB>text'.");
            var label = line[..tab].Trim();
            if (lineNumber == 1 && label.Equals("label", StringComparison.OrdinalIgnoreCase))
                continue;
            rows.Add(new SmsRow(label, line[(tab + 1)..]));
        }

        return rows;
    }

    public static async Task<IReadOnlyList<SmsRow>> ReadAllAsync(IEnumerable<FileInfo> files, CancellationToken cancellationToken = default)
    {
        var rows = new List<SmsRow>();
        foreach (var file in files)
            rows.AddRange(await ReadAsync(file, cancellationToken).ConfigureAwait(false));
        return rows;
    }
}
