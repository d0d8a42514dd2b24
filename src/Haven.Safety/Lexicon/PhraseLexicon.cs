using System.Reflection;
using Haven.Safety.Text;

namespace Haven.Safety.Lexicon;

/// <summary>
/// The compiled cue lexicon: slang canonicalization plus a token trie of phrases.
/// Matching walks the trie from every token with span-keyed dictionary lookups (no allocation),
/// so a message costs a few lookups per token regardless of lexicon size.
/// </summary>
public sealed class PhraseLexicon
{
    private static readonly string[] Suffixes = ["nya", "mu", "ku", "lah", "kah", "s"];

    private readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _canonicalLookup;
    private readonly TrieNode _root = new();

    private PhraseLexicon(TextReader reader)
    {
        _canonicalLookup = _canonical.GetAlternateLookup<ReadOnlySpan<char>>();
        Load(reader);
    }

    public static PhraseLexicon Default { get; } = LoadEmbedded();

    public int PhraseCount { get; private set; }

    public static PhraseLexicon Parse(TextReader reader) => new(reader);

    private static PhraseLexicon LoadEmbedded()
    {
        using var stream = typeof(PhraseLexicon).Assembly.GetManifestResourceStream("Haven.Safety.Lexicon.cues.txt")
            ?? throw new InvalidOperationException("The embedded cue lexicon is missing.");
        using var reader = new StreamReader(stream);
        return new PhraseLexicon(reader);
    }

    /// <summary>The canonical spelling of a slang token ("km" → "kamu"), or the token itself.</summary>
    public ReadOnlySpan<char> Canonical(ReadOnlySpan<char> token) =>
        _canonicalLookup.TryGetValue(token, out var canonical) ? canonical.AsSpan() : token;

    public bool IsCanonically(ReadOnlySpan<char> token, string canonical) => Canonical(token).SequenceEqual(canonical);

    /// <summary>Finds every phrase occurrence; returns the number of hits written.</summary>
    public int Match(ReadOnlySpan<char> text, ReadOnlySpan<Token> tokens, ref CueHit[] hits, ref CueSet present)
    {
        var count = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var node = _root;
            for (var j = i; j < tokens.Length; j++)
            {
                node = Step(node, text, tokens[j]);
                if (node is null)
                    break;
                if (node.Cues is null)
                    continue;
                foreach (var cue in node.Cues)
                {
                    if (count == hits.Length)
                        Array.Resize(ref hits, hits.Length * 2);
                    hits[count++] = new CueHit(cue, i, j);
                    present.Add(cue);
                }
            }
        }

        return count;
    }

    private TrieNode? Step(TrieNode node, ReadOnlySpan<char> text, Token token)
    {
        if (token.Kind == TokenKind.Number && node.AnyNumber is { } any)
            return any;
        if (node.Lookup is not { } lookup)
            return null;
        var span = text.Slice(token.Start, token.Length);
        if (lookup.TryGetValue(Canonical(span), out var next))
            return next;
        // Suffixes leave at least three letters, so shorter words cannot carry one.
        if (span.Length < 4)
            return null;
        foreach (var suffix in Suffixes)
        {
            if (span.Length - suffix.Length >= 3 && span.EndsWith(suffix)
                && lookup.TryGetValue(Canonical(span[..^suffix.Length]), out next))
                return next;
        }

        return null;
    }

    private void Load(TextReader reader)
    {
        var cues = new List<Cue>();
        string? line;
        var lineNumber = 0;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
                continue;
            if (trimmed.StartsWith("@canon ", StringComparison.Ordinal))
            {
                var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
                var canonical = trimmed[7..colon].Trim();
                foreach (var variant in trimmed[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    _canonical[variant] = canonical;
                continue;
            }

            if (trimmed[0] == '[')
            {
                cues.Clear();
                foreach (var name in trimmed.Trim('[', ']').Split(',', StringSplitOptions.TrimEntries))
                {
                    if (!Enum.TryParse<Cue>(name, out var cue))
                        throw new InvalidDataException($"cues.txt line {lineNumber}: unknown cue '{name}'.");
                    cues.Add(cue);
                }

                continue;
            }

            if (cues.Count == 0)
                throw new InvalidDataException($"cues.txt line {lineNumber}: phrase before any [Cue] header.");
            AddPhrase(trimmed, cues);
        }
    }

    private void AddPhrase(string phrase, List<Cue> cues)
    {
        var node = _root;
        foreach (var piece in phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (piece == "<n>")
            {
                node = node.AnyNumber ??= new TrieNode();
                continue;
            }

            var normalized = TextNormalizer.Normalize(piece);
            var tokens = new Token[8];
            var n = Tokenizer.Tokenize(normalized.Span, ref tokens);
            for (var k = 0; k < n; k++)
            {
                var text = new string(normalized.Span.Slice(tokens[k].Start, tokens[k].Length));
                text = _canonical.TryGetValue(text, out var c) ? c : text;
                node = node.Child(text);
            }
        }

        if (node == _root)
            return;
        node.Cues = node.Cues is null ? [.. cues] : [.. node.Cues.Union(cues)];
        PhraseCount++;
    }

    private sealed class TrieNode
    {
        private Dictionary<string, TrieNode>? _children;

        public Dictionary<string, TrieNode>.AlternateLookup<ReadOnlySpan<char>>? Lookup { get; private set; }

        public TrieNode? AnyNumber { get; set; }

        public Cue[]? Cues { get; set; }

        public TrieNode Child(string token)
        {
            if (_children is null)
            {
                _children = new Dictionary<string, TrieNode>(StringComparer.Ordinal);
                Lookup = _children.GetAlternateLookup<ReadOnlySpan<char>>();
            }

            if (!_children.TryGetValue(token, out var child))
                _children[token] = child = new TrieNode();
            return child;
        }
    }
}
