using System.Text.RegularExpressions;

namespace Haven.Server.MessageSafety;

/// <summary>Splits message text into plain runs and links, so the chat page can put the safety interstitial in front of every link.</summary>
public static partial class ChatLinks
{
    public readonly record struct Segment(string Text, Uri? Link);

    public static IEnumerable<Segment> Split(string text)
    {
        var at = 0;
        foreach (Match match in LinkPattern().Matches(text))
        {
            var raw = match.Value.TrimEnd('.', ',', '!', '?', ')', ';', ':', '\'', '"');
            var absolute = raw.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? "https://" + raw : raw;
            // Only web links become clickable; anything else stays text.
            if (!Uri.TryCreate(absolute, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                continue;
            if (match.Index > at)
                yield return new Segment(text[at..match.Index], null);
            yield return new Segment(raw, uri);
            at = match.Index + raw.Length;
        }

        if (at < text.Length)
            yield return new Segment(text[at..], null);
    }

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>""]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
