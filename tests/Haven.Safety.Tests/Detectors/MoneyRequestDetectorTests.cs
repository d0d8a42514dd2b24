using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class MoneyRequestDetectorTests
{
    [Theory]
    [InlineData("can you venmo me 200? I'll pay you back next week")]
    [InlineData("my car broke down and I'm $400 short for the repair, could you help?")]
    [InlineData("buy me a $50 iTunes gift card and send the code")]
    [InlineData("guaranteed 5x returns on my crypto platform, start with $300")]
    [InlineData("tolong tf 200rb dulu ya, nanti aku ganti")]
    [InlineData("isiin pulsa 100rb dong sayang")]
    [InlineData("investasi modal 2jt, profit pasti 20% per minggu")]
    public void Asking_for_money_and_scam_pitches_are_money_requests(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.MoneyRequest), text);

    [Theory]
    [InlineData("paid $12 for parking today, ridiculous")]
    [InlineData("my friend lost money to a gift card scam once")]
    [InlineData("tadi transfer ke adikku buat bayar kuliah")]
    [InlineData("pulsa aku habis, makanya telat bales")]
    [InlineData("concert was 1,5jt but worth every rupiah")]
    public void Talking_about_own_spending_is_not_a_money_request(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.MoneyRequest), text);
}
