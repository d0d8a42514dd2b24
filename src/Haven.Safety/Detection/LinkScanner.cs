namespace Haven.Safety.Detection;

/// <summary>
/// Finds host names in normalized text (so "h a v e n - l o g i n . t e s t" and "hаven" with a
/// Cyrillic "а" are seen) and judges them: imitation of the platform name, bait words in host or path,
/// URL shorteners, and disguise (spelled-out letters or non-ASCII characters in the original).
/// </summary>
internal static class LinkScanner
{
    private static readonly string[] Tlds =
    [
        "com", "net", "org", "id", "co", "io", "test", "xyz", "me", "ly", "gd", "info", "biz", "online", "site",
        "top", "app", "link", "click", "live", "shop", "store", "vip", "club", "ru", "cn", "tk", "ml", "ga", "cf",
        "gq", "ws", "cc", "in", "us", "uk", "my", "sg", "ph", "page", "dev", "icu", "buzz", "win", "to", "gl", "gy",
    ];

    private static readonly string[] Shorteners =
        ["bit.ly", "tinyurl.com", "s.id", "t.co", "goo.gl", "cutt.ly", "rb.gy", "is.gd", "ow.ly", "shorturl.at", "tiny.cc", "t.ly"];

    private static readonly string[] BaitWords =
    [
        "login", "log-in", "signin", "sign-in", "verify", "verif", "secure", "account", "akun", "billing", "bonus",
        "prize", "reward", "hadiah", "klaim", "claim", "gratis", "free", "unlock", "leak", "foto", "pics", "photo",
        "premium", "vip", "apk", "update", "wallet", "gift", "promo", "password", "support",
    ];

    /// <param name="platformNames">Names a lookalike would imitate (e.g. "haven").</param>
    /// <param name="trustedHosts">The platform's real hosts, never suspicious.</param>
    public static LinkFacts Scan(ScanContext c, IReadOnlyList<string> platformNames, IReadOnlyList<string> trustedHosts)
    {
        var text = c.Normalized;
        LinkFacts best = default;
        var i = 0;
        while (i < text.Length)
        {
            if (!IsHostChar(text[i]) || (i > 0 && (IsHostChar(text[i - 1]) || text[i - 1] == '@')))
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && (IsHostChar(text[end]) || (text[end] == '.' && end + 1 < text.Length && IsHostChar(text[end + 1]))))
                end++;
            var host = text[i..end];
            var lastDot = host.LastIndexOf('.');
            if (lastDot <= 0 || !IsTld(host[(lastDot + 1)..]))
            {
                i = end + 1;
                continue;
            }

            var pathEnd = end;
            if (pathEnd < text.Length && text[pathEnd] == '/')
                while (pathEnd < text.Length && text[pathEnd] != ' ') pathEnd++;
            var path = text[end..pathEnd];
            var facts = Judge(c, i, host, path, pathEnd - i, platformNames, trustedHosts);
            if (best.Span is null || (facts.Suspicious && !best.Suspicious))
                best = facts;
            i = pathEnd + 1;
        }

        return best;
    }

    private static LinkFacts Judge(ScanContext c, int start, ReadOnlySpan<char> host, ReadOnlySpan<char> path, int length,
        IReadOnlyList<string> platformNames, IReadOnlyList<string> trustedHosts)
    {
        var span = c.NormalizedSpan(start, length);
        foreach (var trusted in trustedHosts)
            if (host.SequenceEqual(trusted) || host.EndsWith("." + trusted, StringComparison.Ordinal))
                return new LinkFacts(span, false, false, false, false);
        var lookalike = false;
        foreach (var name in platformNames)
            lookalike |= host.Contains(name, StringComparison.Ordinal);
        var bait = false;
        foreach (var word in BaitWords)
            bait |= host.Contains(word, StringComparison.Ordinal) || path.Contains(word, StringComparison.Ordinal);
        var shortener = false;
        foreach (var s in Shorteners)
            shortener |= host.SequenceEqual(s);
        var original = c.Text.Original.AsSpan(span.Start, span.Length);
        var disguised = original.Length > length + 2 || !System.Text.Ascii.IsValid(original);
        return new LinkFacts(span, lookalike, bait, shortener, disguised);
    }

    private static bool IsHostChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '-';

    private static bool IsTld(ReadOnlySpan<char> label)
    {
        foreach (var tld in Tlds)
            if (label.SequenceEqual(tld))
                return true;
        return false;
    }
}
