using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Detectors;

/// <summary>
/// Requests for money and scam scripts: a transfer or gift-card ask, an emergency or fee with a sum,
/// investment pitches (guaranteed profit, crypto, deposit), paying deposits for sex work, and the
/// payment half of sextortion. Talking about one's own spending ("I paid", "tadi transfer ke ibu") is clean.
/// </summary>
internal sealed class MoneyRequestDetector : IDetector
{
    public void Detect(ScanContext c, List<Signal> signals)
    {
        var ages = c.Ages;
        var score = Score(c);
        if (score > 0)
            signals.Add(SignalFactory.Create(c, SignalKind.MoneyRequest, score, Key(c),
                Cue.MoneyVerb, Cue.MoneyObject, Cue.PaymentChannel, Cue.Emergency, Cue.Investment, Cue.FeeScam));
    }

    private static string Key(ScanContext c) =>
        c.Has(Cue.Investment) ? "money_request.investment"
        : c.Has(Cue.Emergency) || c.Has(Cue.FeeScam) ? "money_request.emergency"
        : "money_request.transfer";

    public static double Score(ScanContext c)
    {
        if (c.Has(Cue.PastOrSelfPayment) || c.Has(Cue.SafetyAdvice) || c.Has(Cue.NewsContext) || c.Reported)
            return 0;
        var sum = c.HasAmount || c.HasDollarSign;
        // "aku kirimin pulsa" inside a gift offer is giving, not asking.
        var ask = c.HasOutside(Cue.MoneyVerb, Cue.GiftOffer);
        if (SextortionDetector.Score(c) > 0)
            return sum || c.Has(Cue.PaymentChannel) || c.Has(Cue.PaidCue) || (ask && !c.Has(Cue.ContentDemand)) ? 0.9 : 0;
        // Offering a gift ("aku kirimin saldo 100rb") is a grooming move, not a request.
        if (c.Has(Cue.GiftOffer) && !ask)
            return 0;
        if (c.Pii.BankAccount is not null && (c.Has(Cue.Emergency) || c.Has(Cue.Repay)))
            return 0.8;
        if (ask && (sum || c.Has(Cue.MoneyObject) || c.Has(Cue.PaymentChannel) || c.Has(Cue.Emergency)))
            return 0.85;
        if (c.Has(Cue.PaymentChannel) && sum)
            return 0.75;
        if (c.Has(Cue.Investment) && (sum || InvestmentHits(c) >= 2))
            return 0.8;
        if ((c.Has(Cue.Emergency) || c.Has(Cue.FeeScam)) && (sum || c.Has(Cue.Repay)) && !c.Has(Cue.SexServiceStrong))
            return 0.8;
        if (c.Has(Cue.FeeScam) && c.Has(Cue.PhishBait))
            return 0.7;
        return 0;
    }

    private static int InvestmentHits(ScanContext c)
    {
        var count = 0;
        var lastToken = -1;
        foreach (var hit in c.Hits)
            if (hit.Cue == Cue.Investment && hit.FirstToken != lastToken)
            {
                count++;
                lastToken = hit.FirstToken;
            }

        return count;
    }
}
