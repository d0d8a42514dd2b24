using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class PhishingDetectorTests
{
    [Theory]
    [InlineData("your Haven account is locked, sign in at haven-account-help.example to restore it")]
    [InlineData("claim your free premium week at bit.ly/abc123 with your login")]
    [InlineData("support team: reply with your password so we can verify you")]
    [InlineData("aku salah kirim kode OTP ke hp kamu, tolong kasih tau kodenya")]
    [InlineData("klaim hadiah saldo di h a v e n - h a d i a h . t e s t sekarang")]
    [InlineData("update your card at hаven-pay.test today")]
    public void Lookalike_links_and_credential_requests_are_phishing(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Phishing), text);

    [Theory]
    [InlineData("Haven staff will never ask for your password, don't share it")]
    [InlineData("got a fake OTP text today and blocked the number")]
    [InlineData("use a password manager, seriously")]
    public void Safety_advice_is_not_phishing(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Phishing), text);
}
