using Haven.Safety.Detection;

namespace Haven.Safety.Tests.Detectors;

public class CoercionAndSextortionTests
{
    [Theory]
    [InlineData("you said no but come on, it's just one photo")]
    [InlineData("after all the time I spent on you, you owe me this")]
    [InlineData("if you block me I'll message all your friends about you")]
    [InlineData("I know where you live. don't make me come over there")]
    [InlineData("gak usah sok jual mahal deh, kirim sekarang")]
    [InlineData("kamu udah janji, gak bisa batal gitu aja")]
    public void Pressure_past_refusal_and_threats_are_coercion(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Coercion), text);

    [Theory]
    [InlineData("no worries at all, we can stop whenever you want")]
    [InlineData("totally fine if you'd rather not, I'm happy just talking")]
    [InlineData("gapapa kok kalau belum mau, santai aja")]
    [InlineData("if you want to show me later, only if you want")]
    public void Respecting_a_no_is_not_coercion(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Coercion), text);

    [Theory]
    [InlineData("I recorded our call. send $300 or your family sees it")]
    [InlineData("pay 500 in bitcoin or those pics go to your coworkers")]
    [InlineData("transfer 1jt atau video kamu aku sebar ke grup kantor")]
    [InlineData("kirim 3 foto lagi, kalau gak yang lama aku upload")]
    public void Threats_to_expose_intimate_material_are_sextortion(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Sextortion), text);

    [Theory]
    [InlineData("I deleted the photos like you asked")]
    [InlineData("read a story about sextortion scams, stay safe everyone")]
    [InlineData("fotonya udah aku hapus ya, sesuai permintaan kamu")]
    public void Deleting_photos_and_news_are_not_sextortion(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Sextortion), text);
}
