using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Safety.Policy;

namespace Haven.Safety.Tests.Detectors;

/// <summary>
/// A news story or a court report about trafficking, grooming, sextortion or paid sex names the same moves an
/// offender makes, but nobody in the chat is making them. Threats and orders to the reader still count,
/// "police" or not.
/// </summary>
public class ReportFrameTests
{
    private static readonly PolicyEngine Policy = new(SafetyPolicy.Default);

    /// <summary>Scans one message as a conversation of its own and decides it under the default policy.</summary>
    private static PolicyDecision Decide(string text)
    {
        var scan = Scanning.Engine.Scan(text);
        var assessment = new ConversationRiskTracker().Update(new ConversationRiskState { ConversationId = "c" }, "sender", scan);
        return Policy.Decide(scan, assessment, PolicyContext.Default);
    }

    [Theory]
    [InlineData("Police arrested a man accused of trafficking women; the court heard he kept their passports and took their earnings.")]
    [InlineData("A news report: the suspect groomed a 13-year-old girl online, asked her to keep it secret and arranged to meet her, police said.")]
    [InlineData("The court heard he told the 14-year-old not to tell her parents and to delete their chats.")]
    [InlineData("Police said the man threatened to post her intimate photos unless she paid him 500 dollars.")]
    [InlineData("The suspect was charged after offering girls for 300 dollars an hour, according to the court.")]
    [InlineData("Police say the man pressured the woman after she said no and told her she owed him.")]
    [InlineData("A documentary about sextortion: scammers threaten to leak photos unless victims pay.")]
    [InlineData("Investigators said the agency held the workers' ID cards until the debt for their flights was paid off.")]
    [InlineData("did you see the news? police said the man kept the women's passports and took their earnings")]
    [InlineData("Menurut polisi, tersangka menahan paspor para korban dan mengambil gaji mereka.")]
    [InlineData("Polisi menangkap tersangka yang mengancam menyebarkan foto bugil korban kalau korban tidak transfer 5 juta.")]
    [InlineData("Tersangka ditangkap karena menawarkan open BO lewat aplikasi, kata polisi.")]
    [InlineData("Berita: pelaku mengajak korban 14 tahun ketemuan diam-diam dan minta dia hapus chat, polisi sudah menangkapnya.")]
    [InlineData("Police said he told the girl to delete their chats and never tell her mom about the gifts.")]
    [InlineData("The defendant was convicted of recruiting girls with fake job offers and selling them to clients.")]
    [InlineData("Terdakwa divonis 8 tahun oleh pengadilan karena menjual anak 15 tahun kepada tamu.")]
    public void News_and_court_reports_about_cases_are_allowed(string text)
    {
        var decision = Decide(text);
        Assert.True(decision.Outcome == SafetyAction.Allow, $"{text} → {decision.Describe()}");
        Assert.Empty(Scanning.Labels(text));
    }

    [Theory]
    [InlineData("I have your nudes. pay me 500 dollars by tonight or I send them to your family and the police")]
    [InlineData("i have your nudes, pay me 300 dollars or they go to the news and your family")]
    [InlineData("kalau kamu lapor polisi, foto telanjang kamu aku sebar ke kantor kamu")]
    [InlineData("aku punya foto bugil kamu, transfer 2jt sekarang atau aku sebar ke keluarga kamu, lapor polisi pun percuma")]
    public void Sextortion_threats_that_mention_the_police_or_the_news_still_fire(string text)
    {
        Assert.True(Scanning.Has(text, SignalKind.Sextortion), text);
        Assert.Equal(SafetyAction.Block, Decide(text).Outcome);
    }

    [Theory]
    [InlineData("dont tell the police or your parents about us, delete our chats every night")]
    [InlineData("dont tell your mom or the police, delete this chat and meet me after school")]
    [InlineData("jangan bilang polisi atau ortu kamu ya, hapus chat kita tiap malam")]
    public void Keeping_the_police_out_is_still_a_grooming_cue(string text)
    {
        Assert.True(Scanning.Has(text, SignalKind.Grooming), text);
        Assert.Equal(SafetyAction.Block, Decide(text).Outcome);
    }

    [Theory]
    [InlineData("My boss keeps my passport and the police wont help me")]
    [InlineData("polisi gak mau bantu, KTP aku masih ditahan agen biar gak kabur")]
    public void A_victim_telling_their_own_case_is_still_trafficking(string text) =>
        Assert.True(Scanning.Has(text, SignalKind.Trafficking), text);

    [Fact]
    public void Pressure_on_the_reader_that_mentions_the_police_is_still_coercion() =>
        Assert.True(Scanning.Has("you said no but the police wont care, just do it", SignalKind.Coercion));
}
