using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>
/// The most suspicious link in a message. <see cref="Lookalike"/>: the host imitates the platform's
/// name; <see cref="Bait"/>: the host or path promises prizes or asks to log in; <see cref="Shortener"/>:
/// a URL shortener hides the target; <see cref="Disguised"/>: the link was spelled out or used look-alike characters.
/// </summary>
internal readonly record struct LinkFacts(TextSpan? Span, bool Lookalike, bool Bait, bool Shortener, bool Disguised)
{
    public bool Suspicious => Span is not null && (Lookalike || Bait || Shortener || Disguised);
}
