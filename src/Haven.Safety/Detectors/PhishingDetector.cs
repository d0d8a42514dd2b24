using Haven.Safety.Detection;
using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detectors;

/// <summary>
/// Phishing: a suspicious link (platform look-alike, bait words, shortener, disguised spelling) with
/// a lure or a credential ask, or a direct request for a password, one-time code or session token.
/// Safety advice ("Haven never asks for your password") stays clean.
/// </summary>
internal sealed class PhishingDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        if (c.Has(Cue.SafetyAdvice))
            return;
        var link = c.Links;
        var lure = c.Has(Cue.CredentialNoun) || c.Has(Cue.PhishBait) || c.Has(Cue.CredentialVerb);
        double score = 0;
        var key = "phishing.link";
        if (link.Suspicious && (lure || link.Lookalike))
            score = link.Lookalike && lure ? 0.95 : 0.8;
        else if (link.Span is not null && lure && (link.Bait || c.Has(Cue.CredentialNoun)))
            score = 0.75;
        else if (c.Has(Cue.CredentialNoun) && c.Has(Cue.CredentialVerb) && !c.Has(Cue.Respect))
        {
            score = 0.8;
            key = "phishing.credentials";
        }

        if (score == 0)
            return;
        var evidence = new List<TextSpan>(3);
        if (link.Span is { } span) evidence.Add(span);
        foreach (var cue in (ReadOnlySpan<Cue>)[Cue.CredentialNoun, Cue.CredentialVerb, Cue.PhishBait])
            if (c.Evidence(cue) is { } e && !evidence.Contains(e))
                evidence.Add(e);
        signals.Add(SignalFactory.Create(SignalKind.Phishing, score, key, evidence));
    }
}
