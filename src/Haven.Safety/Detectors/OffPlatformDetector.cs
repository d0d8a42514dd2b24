using Haven.Safety.Detection;
using Haven.Safety.Lexicon;
using Haven.Safety.Text;

namespace Haven.Safety.Detectors;

/// <summary>
/// Moves to another channel, where Haven's protections do not reach: named messengers (WhatsApp,
/// Telegram, Snapchat, Kik…, including "wasap", "tele", "w h a t s a p p"), ambiguous names with a move
/// ("ada wa?", "add me on snap"), a contact handle or number offered ("text me at…", "tele: @name"),
/// or evading moderators ("mods read everything"). Declining a move ("WhatsApp? no thanks, let's stay here")
/// or an ambiguous word alone ("wa lagi capek", "Snap Fitness") stays clean.
/// </summary>
internal sealed class OffPlatformDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        if (c.Has(Cue.StayHere) || c.Has(Cue.NewsContext) || c.Reported || c.Has(Cue.SafetyAdvice))
            return;
        var move = c.Has(Cue.MoveVerb) || c.Has(Cue.ContactMe);
        var handle = HasHandle(c);
        double score = 0;
        if (c.Has(Cue.Platform)) score = 0.85;
        else if (c.Has(Cue.PlatformAmbiguous) && (move || handle)) score = 0.8;
        else if (c.Has(Cue.ContactMe) && (c.Pii.Contact || handle)) score = 0.8;
        else if (c.Pii.Phone is not null && c.Has(Cue.PlatformAmbiguous)) score = 0.75;
        else if (c.Has(Cue.Evasion)) score = 0.7;
        else if (handle && c.Has(Cue.HandleLead)) score = 0.7;
        if (score == 0)
            return;
        var evidence = new List<TextSpan>(3);
        foreach (var cue in (ReadOnlySpan<Cue>)[Cue.Platform, Cue.PlatformAmbiguous, Cue.MoveVerb, Cue.ContactMe, Cue.Evasion])
            if (c.Evidence(cue) is { } span && !evidence.Contains(span))
                evidence.Add(span);
        if (c.Pii.Phone is { } phone) evidence.Add(phone);
        signals.Add(SignalFactory.Create(SignalKind.OffPlatform, score, "off_platform.move", evidence));
    }

    /// <summary>"@name" not part of an e-mail address, or "snap: name_22" style handles.</summary>
    private static bool HasHandle(ScanContext c)
    {
        var text = c.Normalized;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] != '@' || (i > 0 && char.IsAsciiLetterOrDigit(text[i - 1])))
                continue;
            if (char.IsAsciiLetterOrDigit(text[i + 1]) || text[i + 1] == '_')
                return true;
        }

        foreach (var hit in c.Hits)
        {
            if (hit.Cue != Cue.HandleLead || hit.LastToken + 1 >= c.TokenCount)
                continue;
            var next = c.Tokens[hit.LastToken + 1];
            var gapStart = c.Tokens[hit.LastToken].End;
            var gap = text[gapStart..next.Start];
            if (!gap.Contains(':'))
                continue;
            var end = next.Start;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.'))
                end++;
            var candidate = text[next.Start..end];
            if (candidate.IndexOfAny('_', '.') >= 0 || candidate.IndexOfAnyInRange('0', '9') >= 0)
                return true;
        }

        return false;
    }
}
