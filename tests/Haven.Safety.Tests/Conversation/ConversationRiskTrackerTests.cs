using System.Text.Json;
using Haven.Safety.Conversation;

namespace Haven.Safety.Tests.Conversation;

public class ConversationRiskTrackerTests
{
    private static ConversationRiskState Replay(params (string Author, string Text)[] turns)
    {
        var tracker = new ConversationRiskTracker();
        var state = new ConversationRiskState { ConversationId = "test" };
        foreach (var (author, text) in turns)
            tracker.Update(state, author, Scanning.Engine.Scan(text));
        return state;
    }

    [Fact]
    public void Age_disclosed_by_one_side_and_secrecy_and_meeting_asked_later_by_the_other_is_grooming()
    {
        var state = Replay(
            ("a", "hey what are you up to"),
            ("b", "homework lol, i'm 13"),
            ("a", "cool. you seem really grown up"),
            ("a", "let's keep this chat our secret ok?"),
            ("a", "I could pick you up near the park on saturday"));
        Assert.True(state.Risks.HasFlag(ConversationRisk.Grooming));
    }

    [Fact]
    public void Indonesian_grooming_across_turns_is_detected()
    {
        var state = Replay(
            ("a", "lagi ngapain dek?"),
            ("b", "baru pulang les kak, aku kelas 7"),
            ("a", "wah pinter. jangan bilang ortu ya kita sering chat"),
            ("a", "minggu depan ketemuan yuk, aku jemput"));
        Assert.True(state.Risks.HasFlag(ConversationRisk.Grooming));
    }

    [Fact]
    public void A_minor_cue_alone_is_not_grooming_but_flags_a_minor()
    {
        var state = Replay(
            ("a", "how was your day?"),
            ("b", "good, i'm 16 and finals are done"),
            ("a", "nice, congrats on finishing"));
        Assert.False(state.Risks.HasFlag(ConversationRisk.Grooming));
        Assert.True(state.Risks.HasFlag(ConversationRisk.MinorPresent));
    }

    [Fact]
    public void Adults_keeping_their_chat_private_is_not_grooming()
    {
        var state = Replay(
            ("a", "I'm 34, and honestly my family doesn't know I'm on here"),
            ("b", "same, I'm 31. let's keep this between us"),
            ("a", "deal. coffee on saturday, somewhere public?"));
        Assert.False(state.Risks.HasFlag(ConversationRisk.Grooming));
    }

    [Fact]
    public void Held_photos_then_a_threat_and_a_demand_across_turns_is_sextortion()
    {
        var state = Replay(
            ("a", "I kept all the pics you sent me"),
            ("b", "please delete them"),
            ("a", "your boss would love to see them"),
            ("a", "send $300 by tonight"));
        Assert.True(state.Risks.HasFlag(ConversationRisk.Sextortion));
    }

    [Fact]
    public void A_fee_story_then_a_sum_from_a_sweetheart_is_a_scam()
    {
        var state = Replay(
            ("a", "good morning my love, I miss you"),
            ("a", "customs is holding your gift, there is a clearance fee"),
            ("b", "how much?"),
            ("a", "only $350, I will pay you back when I land"));
        Assert.True(state.Risks.HasFlag(ConversationRisk.Scam));
    }

    [Fact]
    public void A_flat_transcript_by_unknown_author_is_still_judged()
    {
        const string transcript = "hi sweetie how was school today? ur mom home? no she works late. aw ur so cute, " +
            "i miss you baby. dont tell your mom about me ok she wouldnt understand. delete our chat after. " +
            "when can i see you? i can drive up saturday and pick you up, we can cuddle. send me a pic on cam. " +
            "are you alone now? love you hun, our secret. i want to kiss you, you are so sexy. your parents gone tonight?";
        var state = Replay(("unknown", transcript));
        Assert.True(state.Risks.HasFlag(ConversationRisk.Grooming));
    }

    [Fact]
    public void A_flat_transcript_of_ordinary_chat_is_not_judged_risky()
    {
        const string transcript = "anyone know how to fix a kernel panic after the update? try booting the old kernel " +
            "from grub, then reinstall the headers. thanks that worked. also what editor do you use? vim mostly, " +
            "sometimes vscode for bigger projects. cool, gotta go, thanks again everyone for the help with the server config.";
        var state = Replay(("unknown", transcript));
        Assert.Equal(ConversationRisk.None, state.Risks);
    }

    [Fact]
    public void State_survives_a_json_round_trip_and_keeps_judging()
    {
        var tracker = new ConversationRiskTracker();
        var state = new ConversationRiskState { ConversationId = "c1" };
        tracker.Update(state, "b", Scanning.Engine.Scan("i'm 14 lol"));
        tracker.Update(state, "a", Scanning.Engine.Scan("don't tell your parents we talk"));
        var json = JsonSerializer.Serialize(state);
        var restored = JsonSerializer.Deserialize<ConversationRiskState>(json)!;
        Assert.Equal(state.Risks, restored.Risks);
        Assert.Equal(state.MessageCount, restored.MessageCount);
        Assert.Equal(state.Participants.Select(p => (p.Author, p.Moves, p.MinorAge)), restored.Participants.Select(p => (p.Author, p.Moves, p.MinorAge)));
        tracker.Update(restored, "a", Scanning.Engine.Scan("I'll pick you up after school, nobody needs to know"));
        Assert.True(restored.Risks.HasFlag(ConversationRisk.Grooming));
    }

    [Fact]
    public void Memory_stays_bounded_however_many_people_post()
    {
        var tracker = new ConversationRiskTracker();
        var state = new ConversationRiskState();
        for (var i = 0; i < 100; i++)
            tracker.Update(state, $"user{i}", Scanning.Engine.Scan("hello everyone"));
        Assert.Equal(ConversationRiskState.MaxParticipants, state.Participants.Count);
        Assert.Equal(100, state.MessageCount);
    }

    [Fact]
    public void Only_newly_fired_risks_are_reported_as_new()
    {
        var tracker = new ConversationRiskTracker();
        var state = new ConversationRiskState();
        var first = tracker.Update(state, "a", Scanning.Engine.Scan("tolong transfer 500rb sekarang ya"));
        var second = tracker.Update(state, "a", Scanning.Engine.Scan("udah belum?"));
        Assert.True(first.NewRisks.HasFlag(ConversationRisk.Scam));
        Assert.Equal(ConversationRisk.None, second.NewRisks);
        Assert.True(second.HasCaseRisk);
    }
}
