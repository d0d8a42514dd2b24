using System.Text.Json;

namespace Haven.Safety.Evaluation;

/// <summary>Reads the labelled data formats DESIGN.md defines.</summary>
public static class EvaluationData
{
    /// <summary>Messages TSV: header <c>labels&lt;TAB&gt;lang&lt;TAB&gt;text</c>, labels comma-separated or "none".</summary>
    public static IReadOnlyList<LabelledMessage> ReadMessages(string path)
    {
        var rows = new List<LabelledMessage>();
        var first = true;
        foreach (var line in File.ReadLines(path))
        {
            if (first)
            {
                first = false;
                if (!line.StartsWith("labels\t", StringComparison.Ordinal))
                    throw new InvalidDataException($"{path}: expected a 'labels<TAB>lang<TAB>text' header.");
                continue;
            }

            if (line.Length == 0)
                continue;
            var parts = line.Split('\t', 3);
            if (parts.Length != 3)
                throw new InvalidDataException($"{path}: row {rows.Count + 2} does not have three columns.");
            var labels = parts[0].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l != "none").ToArray();
            rows.Add(new LabelledMessage(labels, parts[1], parts[2]));
        }

        return rows;
    }

    /// <summary>
    /// Conversations JSONL: <c>{"id","lang"?,"label","messages":[{"author","text"}]}</c>; a row with a flat
    /// <c>"text"</c> instead of messages becomes one message by author "unknown".
    /// </summary>
    public static IReadOnlyList<LabelledConversation> ReadConversations(string path)
    {
        var rows = new List<LabelledConversation>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var id = root.TryGetProperty("id", out var idElement) ? idElement.ToString() : lineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var lang = root.TryGetProperty("lang", out var langElement) ? langElement.GetString() : null;
                var label = root.GetProperty("label") is { ValueKind: JsonValueKind.Number } number
                    ? (number.GetInt32() == 1 ? "predator" : "none")
                    : root.GetProperty("label").GetString() ?? "none";
                var messages = new List<ConversationLine>();
                if (root.TryGetProperty("messages", out var list))
                {
                    foreach (var m in list.EnumerateArray())
                        messages.Add(new ConversationLine(
                            m.TryGetProperty("author", out var a) ? a.GetString() ?? "unknown" : "unknown",
                            m.GetProperty("text").GetString() ?? string.Empty));
                }
                else if (root.TryGetProperty("text", out var text))
                {
                    messages.Add(new ConversationLine("unknown", text.GetString() ?? string.Empty));
                }

                rows.Add(new LabelledConversation(id, lang, label, messages));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}: line {lineNumber} is not a valid conversation: {e.Message}", e);
            }
        }

        return rows;
    }
}
