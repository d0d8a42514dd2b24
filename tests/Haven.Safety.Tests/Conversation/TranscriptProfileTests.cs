using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Safety.Lexicon;

namespace Haven.Safety.Tests.Conversation;

/// <summary>
/// Flat transcripts (author "unknown", no turns) are judged by grooming stages: relationship, who is
/// watching, secrecy, sexual talk, meeting, a child's daily life; first contact between strangers and
/// adult-only or peer ages count against. Sentences here are written for these tests.
/// </summary>
public class TranscriptProfileTests
{
    private static ConversationRisk Judge(string transcript, string author = ConversationRiskTracker.UnknownAuthor)
    {
        var state = new ConversationRiskState { ConversationId = "transcript" };
        new ConversationRiskTracker().Update(state, author, Scanning.Engine.Scan(transcript));
        return state.Risks;
    }

    private const string ParentsAndVisit = "hey you there? i missed you so much last night. sorry, my mom made me finish my homework " +
        "and chores first. is she home now? no she leaves for work at 6 and gets home at midnight. so i can call you tonight? " +
        "yes call me after 9. cant wait to see you this weekend, ill drive down saturday. what time? after my bus gets home " +
        "from school. ok babe, sweet dreams, thinking about you";

    private static int Score(string transcript) => Scanning.Engine.Scan(transcript).Facts.TranscriptScore;

    [Theory]
    [InlineData("i missed you so much, cant wait to see you", Cue.Longing)]
    [InlineData("aku kangen kamu, gak sabar ketemu", Cue.Longing)]
    [InlineData("what time will you be here tomorrow", Cue.Plans)]
    [InlineData("nanti malam aku otw ya, siap siap", Cue.Plans)]
    [InlineData("my mom would kill me if she knew, i would be grounded", Cue.Trouble)]
    [InlineData("nanti aku dimarahin mama kalau ketahuan", Cue.Trouble)]
    [InlineData("she leaves for work at 7 and gets home at 5", Cue.Whereabouts)]
    [InlineData("mama udah pergi, papa belum pulang", Cue.Whereabouts)]
    [InlineData("gotta finish my homework before bedtime", Cue.YouthLife)]
    [InlineData("besok sekolah, tugas sekolah belum selesai", Cue.YouthLife)]
    [InlineData("can i call you tonight? whats your number", Cue.Calls)]
    [InlineData("nanti aku telpon kamu ya, nomor kamu berapa", Cue.Calls)]
    [InlineData("staying at my gramma's this weekend", Cue.Guardian)]
    [InlineData("aku tinggal sama nenek", Cue.Guardian)]
    [InlineData("asl? m or f", Cue.StrangerOpener)]
    [InlineData("cowok apa cewek?", Cue.StrangerOpener)]
    [InlineData("nice to meet you, where are you from?", Cue.FirstContact)]
    [InlineData("salam kenal, kamu dari mana?", Cue.FirstContact)]
    [InlineData("police said the suspect was charged with grooming", Cue.CaseReport)]
    [InlineData("menurut polisi, tersangka sudah ditahan", Cue.CaseReport)]
    public void Transcript_cues_are_recognized(string text, Cue cue) =>
        Assert.True(Scanning.Engine.Scan(text).Cues.Contains(cue), $"{cue} not found in \"{text}\"");

    [Theory]
    [InlineData("my kid is at grandma's this weekend")]
    [InlineData("anakku umur 12, weekend ini lagi nginep di rumah neneknya")]
    public void A_grandparent_mentioned_in_one_message_is_not_grooming(string text) =>
        Assert.False(Scanning.Has(text, SignalKind.Grooming));

    [Fact]
    public void An_ongoing_relationship_that_checks_on_the_parents_and_plans_a_visit_is_grooming() =>
        Assert.True(Judge(ParentsAndVisit).HasFlag(ConversationRisk.Grooming));

    [Fact]
    public void A_long_message_from_a_named_member_showing_a_childs_day_is_judged_like_a_transcript()
    {
        var text = ParentsAndVisit + ". " + ParentsAndVisit;
        Assert.True(text.Length >= 600);
        Assert.True(Judge(text, "sam").HasFlag(ConversationRisk.Grooming));
    }

    [Fact]
    public void A_news_report_about_a_grooming_case_is_not_judged_as_grooming()
    {
        const string report = "Police said on Tuesday that a 41-year-old man was charged with grooming after investigators found " +
            "he had chatted for months with a 13-year-old girl. According to the court filing, he told her to keep their chats " +
            "secret from her parents, asked her to delete the messages and checked when her mother would be at work. Prosecutors " +
            "say he arranged to pick her up after school on a Saturday, but officers were waiting at the meeting place. Experts " +
            "say parents should talk to their children about secrecy, gifts and requests to meet, and keep devices in shared rooms " +
            "at night. The case continues next month.";
        Assert.True(report.Length >= 600);
        Assert.Equal(ConversationRisk.None, Judge(report, "reader") & ConversationRisk.Grooming);
        Assert.Equal(ConversationRisk.None, Judge(report) & ConversationRisk.Grooming);
    }

    [Fact]
    public void A_long_love_letter_between_adults_is_not_grooming()
    {
        const string letter = "good morning my love. i missed you so much last night, i kept thinking about you after we hung up. " +
            "work was crazy yesterday, my boss kept me late again, but hearing your voice made it all better. i cant wait to see you " +
            "this weekend, i will drive down friday after work and we can go to that little place by the lake you like. what time " +
            "do you finish on friday? call me tonight if you can, i want to hear about your sister's wedding plans and whether your " +
            "mom liked the flowers. i love you babe, sweet dreams tonight and text me when you wake up. counting the days until " +
            "saturday, you are the one for me :*";
        Assert.True(letter.Length >= 600);
        Assert.Equal(ConversationRisk.None, Judge(letter, "alex") & ConversationRisk.Grooming);
    }

    [Fact]
    public void An_indonesian_relationship_that_checks_on_the_parents_and_plans_a_pick_up_is_grooming()
    {
        const string transcript = "halo kamu masih di situ? aku kangen kamu semalam. maaf tadi disuruh mama ngerjain tugas sekolah. " +
            "mama kamu udah pergi? udah, mama pergi kerja, papa belum pulang. nanti malam aku telpon kamu ya. iya sayang. " +
            "gak sabar ketemu kamu akhir pekan, aku jemput ya. jam berapa? pulang sekolah aja. nanti aku dimarahin kalau ketahuan. iya janji";
        Assert.True(Judge(transcript).HasFlag(ConversationRisk.Grooming));
    }

    [Fact]
    public void A_first_chat_between_adult_strangers_flirting_is_not_grooming()
    {
        const string transcript = "hi asl? 24 f here, you? 27 m. nice to meet you, where are you from? chicago. whats your name? sam. " +
            "you sound sexy, what do you look like? tall, dark hair, i work out. wanna cam later tonight? maybe lol, i have to get up " +
            "early for work tomorrow. ok cool, add me and we can talk more later";
        Assert.Equal(ConversationRisk.None, Judge(transcript) & ConversationRisk.Grooming);
    }

    [Fact]
    public void Teenagers_of_the_same_age_meeting_in_a_random_chat_are_not_grooming()
    {
        const string transcript = "hey m or f? f 16 you? m 17. cool where are you from? ohio. what do you do for fun? mostly games, " +
            "homework is so boring lol. same. you seem cute haha. my mom says i have to go to bed soon, school tomorrow. ok bye, nice talking to you";
        Assert.Equal(ConversationRisk.None, Judge(transcript) & ConversationRisk.Grooming);
    }

    [Fact]
    public void A_stranger_opening_counts_against_a_grooming_reading()
    {
        const string relationship = "cant wait to see you saturday, what time? after my mom leaves for work. call me tonight babe, " +
            "i missed you. dont tell anyone ok. love you, thinking about you all day at school";
        Assert.True(Score("asl? m or f? where are you from? " + relationship) < Score("hey you there? " + relationship));
    }

    [Fact]
    public void Stated_ages_of_adults_only_count_against_a_grooming_reading()
    {
        const string relationship = "cant wait to see you saturday, what time? after work. call me tonight babe, i missed you. " +
            "love you, thinking about you all day, ill drive down and we can go to the movies";
        Assert.True(Score("im 34 and youre 31 right? " + relationship) < Score("hey you there? " + relationship));
    }

    [Fact]
    public void Kiss_and_heart_emoticons_count_as_affection()
    {
        const string chat = "ok i have to go now, my mom wants the computer back. talk to you tomorrow after school, call me ok";
        Assert.True(Score(chat + " :* :-* <3") > Score(chat));
    }

    [Fact]
    public void One_cue_repeated_many_times_cannot_carry_a_transcript()
    {
        var repeated = string.Concat(Enumerable.Repeat("i miss you so much. ", 30));
        Assert.Equal(ConversationRisk.None, Judge(repeated) & ConversationRisk.Grooming);
    }
}
