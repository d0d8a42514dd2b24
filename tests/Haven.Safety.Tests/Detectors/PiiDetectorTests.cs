using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class PiiDetectorTests
{
    [Theory]
    [InlineData("call me on 0813-2222-4567")]
    [InlineData("my cell is (415) 555-0199")]
    [InlineData("nol delapan satu tiga, dua dua dua dua, empat lima enam tujuh")]
    [InlineData("0️⃣8️⃣1️⃣3️⃣ 2️⃣2️⃣2️⃣2️⃣ 4️⃣5️⃣6️⃣7️⃣")]
    [InlineData("write me at sam.lee@example.org")]
    [InlineData("no rek BNI 1234567890 a.n. Budi")]
    [InlineData("NIK aku 3273010101900001")]
    [InlineData("I live at 221 Baker Street, flat 2")]
    [InlineData("rumahku di Jl. Mawar No. 12, Depok")]
    [InlineData("here's my spot: -7.2575, 112.7521")]
    public void Phones_emails_accounts_ids_addresses_and_coordinates_are_pii(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Pii), text);

    [Theory]
    [InlineData("I grew up on Elm Road, great neighbourhood")]
    [InlineData("tickets cost Rp 1.500.000 each")]
    [InlineData("the meeting is at 10:30 tomorrow")]
    [InlineData("aku tinggal di Surabaya sekarang")]
    public void Places_without_numbers_prices_and_times_are_not_pii(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Pii), text);

    [Fact]
    public void Phone_evidence_covers_the_digits_in_the_original_text()
    {
        const string text = "ring me 0813-2222-4567 tonight";
        var signal = Scanning.Engine.Scan(text).Find(SignalKind.Pii)!;
        Assert.Contains(signal.Evidence, span => span.Slice(text).Contains("0813-2222-4567", StringComparison.Ordinal));
    }
}
