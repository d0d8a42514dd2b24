using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>
/// The per-message working state detectors read: normalized text, tokens, cue hits and money amounts.
/// One instance per thread is reused, so scanning a clean message allocates nothing.
/// </summary>
internal sealed class ScanContext
{
    private Token[] _tokens = new Token[64];
    private CueHit[] _hits = new CueHit[64];
    private bool[] _amountTokens = new bool[64];

    [ThreadStatic]
    private static ScanContext? _current;

    public static ScanContext Current => _current ??= new ScanContext();

    public NormalizedText Text { get; private set; } = new();

    public PhraseLexicon Lexicon { get; private set; } = PhraseLexicon.Default;

    public int TokenCount { get; private set; }

    public int HitCount { get; private set; }

    public CueSet Cues;

    public bool HasAmount { get; private set; }

    public bool HasDollarSign { get; private set; }

    public AgeFacts Ages { get; set; }

    /// <summary>The message reports on a case in the third person (see <see cref="ReportFrame"/>).</summary>
    public bool Reported { get; set; }

    public PiiFacts Pii { get; set; }

    public LinkFacts Links { get; set; }

    public ReadOnlySpan<Token> Tokens => _tokens.AsSpan(0, TokenCount);

    public ReadOnlySpan<CueHit> Hits => _hits.AsSpan(0, HitCount);

    public ReadOnlySpan<char> Normalized => Text.Span;

    public void Load(string message, PhraseLexicon lexicon)
    {
        Lexicon = lexicon;
        Text = TextNormalizer.NormalizePooled(message);
        TokenCount = Tokenizer.Tokenize(Text.Span, ref _tokens);
        Cues = default;
        HitCount = lexicon.Match(Text.Span, Tokens, ref _hits, ref Cues);
        FindAmounts();
    }

    public bool Has(Cue cue) => Cues.Contains(cue);

    public ReadOnlySpan<char> TokenText(int index) => Text.Span.Slice(_tokens[index].Start, _tokens[index].Length);

    public bool TokenIs(int index, string canonical) =>
        index >= 0 && index < TokenCount && Lexicon.IsCanonically(TokenText(index), canonical);

    public bool IsAmount(int tokenIndex) => tokenIndex >= 0 && tokenIndex < TokenCount && _amountTokens[tokenIndex];

    /// <summary>Original-text span of tokens [first, last].</summary>
    public TextSpan TokenSpan(int first, int last)
    {
        var start = _tokens[first].Start;
        return Text.ToOriginal(start, _tokens[last].End - start);
    }

    public TextSpan NormalizedSpan(int start, int length) => Text.ToOriginal(start, length);

    /// <summary>The first hit of a cue, or null.</summary>
    public CueHit? First(Cue cue)
    {
        foreach (var hit in Hits)
            if (hit.Cue == cue)
                return hit;
        return null;
    }

    public TextSpan? Evidence(Cue cue) => First(cue) is { } hit ? TokenSpan(hit.FirstToken, hit.LastToken) : null;

    /// <summary>True when a hit of <paramref name="cue"/> ends in [token - before, token - 1].</summary>
    public bool EndsBefore(Cue cue, int token, int before)
    {
        foreach (var hit in Hits)
            if (hit.Cue == cue && hit.LastToken < token && hit.LastToken >= token - before)
                return true;
        return false;
    }

    /// <summary>True when a hit of <paramref name="cue"/> starts in [token + 1, token + after].</summary>
    public bool StartsAfter(Cue cue, int token, int after)
    {
        foreach (var hit in Hits)
            if (hit.Cue == cue && hit.FirstToken > token && hit.FirstToken <= token + after)
                return true;
        return false;
    }

    /// <summary>True when a hit of <paramref name="cue"/> covers the token.</summary>
    public bool Covers(Cue cue, int token)
    {
        foreach (var hit in Hits)
            if (hit.Cue == cue && hit.FirstToken <= token && hit.LastToken >= token)
                return true;
        return false;
    }

    /// <summary>True when some hit of <paramref name="cue"/> is not inside a hit of <paramref name="cover"/>.</summary>
    public bool HasOutside(Cue cue, Cue cover)
    {
        foreach (var hit in Hits)
            if (hit.Cue == cue && !(Covers(cover, hit.FirstToken) && Covers(cover, hit.LastToken)))
                return true;
        return false;
    }

    public bool AnyHitWithin(Cue cue, int token, int distance)
    {
        foreach (var hit in Hits)
            if (hit.Cue == cue && hit.LastToken >= token - distance && hit.FirstToken <= token + distance)
                return true;
        return false;
    }

    /// <summary>
    /// Marks number tokens that are sums of money: "$250", "Rp 50.000", "500rb", "1,5jt", "300 dollars", "50k".
    /// </summary>
    private void FindAmounts()
    {
        if (_amountTokens.Length < TokenCount)
            _amountTokens = new bool[_tokens.Length];
        Array.Clear(_amountTokens, 0, TokenCount);
        HasAmount = false;
        HasDollarSign = Text.Span.IndexOfAny('$', '€', '£') >= 0;
        var text = Text.Span;
        for (var i = 0; i < TokenCount; i++)
        {
            var token = _tokens[i];
            if (token.Kind != TokenKind.Number)
                continue;
            var before = token.Start > 0 ? text[token.Start - 1] : ' ';
            var amount = before is '$' or '€' or '£'
                || (token.Start > 1 && text[token.Start - 1] == ' ' && text[token.Start - 2] is '$' or '€' or '£')
                || TokenIs(i - 1, "rp") || TokenIs(i - 1, "idr") || TokenIs(i - 1, "usd")
                || NextWordIs(i, "thousand") || NextWordIs(i, "million") || NextWordIs(i, "dollars")
                || NextWordIs(i, "dollar") || NextWordIs(i, "bucks") || NextWordIs(i, "usd") || NextWordIs(i, "roses")
                || NextWordIs(i, "btc") || NextWordIs(i, "rupiah") || NextWordIs(i, "perak");
            // "1,5jt": the digits before the comma belong to the same amount.
            if (!amount && i + 2 < TokenCount && _tokens[i + 1].Kind == TokenKind.Number
                && _tokens[i + 1].Start == token.End + 1 && text[token.End] is ',' or '.'
                && (NextWordIs(i + 1, "million") || NextWordIs(i + 1, "thousand")))
                amount = true;
            if (!amount)
                continue;
            _amountTokens[i] = true;
            HasAmount = true;
        }
    }

    private bool NextWordIs(int index, string canonical) =>
        index + 1 < TokenCount && _tokens[index + 1].Kind == TokenKind.Word && TokenIs(index + 1, canonical);
}
