using Haven.Safety.Conversation;
using Haven.Safety.Policy;

namespace Haven.Safety.Tests.Policy;

public class PolicyEngineTests
{
    private static readonly PolicyEngine Default = new(SafetyPolicy.Default);

    private static PolicyDecision Decide(string text, PolicyContext? context = null, ConversationAssessment? assessment = null) =>
        Default.Decide(Scanning.Engine.Scan(text), assessment, context ?? PolicyContext.Default);

    [Fact]
    public void The_default_policy_loads_and_has_rules_for_every_signal()
    {
        var labels = SafetyPolicy.Default.Rules.SelectMany(r => r.When.Signals ?? []).ToHashSet();
        foreach (var label in Haven.Safety.Detection.SignalKindLabels.MessageLabels)
            Assert.Contains(label, labels);
    }

    [Fact]
    public void A_clean_message_is_allowed_with_no_rules()
    {
        var decision = Decide("see you at seven!");
        Assert.Equal(SafetyAction.Allow, decision.Outcome);
        Assert.Empty(decision.Rules);
    }

    [Fact]
    public void Grooming_is_blocked_with_a_critical_case_and_the_decision_lists_rule_and_evidence()
    {
        const string text = "don't tell your mom we talk, delete this chat after";
        var decision = Decide(text);
        Assert.Equal(SafetyAction.Block, decision.Outcome);
        Assert.Equal(CasePriority.Critical, decision.CasePriority);
        var rule = Assert.Single(decision.Rules, r => r.RuleId == "grooming-block");
        Assert.Contains("grooming", rule.MatchedSignals);
        Assert.NotEmpty(rule.Evidence);
        Assert.All(rule.Evidence, e => Assert.True(e.End <= text.Length));
    }

    [Fact]
    public void Money_requests_from_new_accounts_are_held_but_from_established_ones_only_warned()
    {
        const string text = "can you venmo me $150 for rent? I'll pay you back";
        var established = Decide(text);
        var fresh = Decide(text, PolicyContext.Default with { SenderAccountAgeDays = 3 });
        Assert.Equal(SafetyAction.WarnRecipient, established.Outcome);
        Assert.Equal(SafetyAction.HoldForReview, fresh.Outcome);
    }

    [Fact]
    public void Prior_strikes_escalate_coercion()
    {
        const string text = "you said no but come on, send it";
        Assert.False(Decide(text, PolicyContext.Default with { Consent = ConsentLevel.Explicit }).Has(SafetyAction.HoldForReview));
        Assert.True(Decide(text, PolicyContext.Default with { SenderPriorStrikes = 2, Consent = ConsentLevel.Explicit }).Has(SafetyAction.HoldForReview));
    }

    [Fact]
    public void Consent_level_selects_rules()
    {
        const string text = "stop saying no and just do it";
        Assert.True(Decide(text, PolicyContext.Default with { Consent = ConsentLevel.None }).Has(SafetyAction.Blur));
        Assert.False(Decide(text, PolicyContext.Default with { Consent = ConsentLevel.Explicit }).Has(SafetyAction.Blur));
    }

    [Fact]
    public void Direction_selects_rules()
    {
        const string text = "add me on telegram";
        Assert.True(Decide(text, PolicyContext.Default with { Direction = MessageDirection.FirstContact }).Has(SafetyAction.WarnSender));
        Assert.False(Decide(text, PolicyContext.Default with { Direction = MessageDirection.Ongoing }).Has(SafetyAction.WarnSender));
    }

    [Fact]
    public void Shadow_rules_are_reported_but_not_enforced()
    {
        var policy = SafetyPolicy.Parse("""
            { "rules": [ { "id": "trial", "when": { "signals": ["off_platform"] }, "actions": ["block"], "shadow": true } ] }
            """);
        var decision = new PolicyEngine(policy).Decide(Scanning.Engine.Scan("let's move to whatsapp"), null, PolicyContext.Default);
        Assert.Equal(SafetyAction.Allow, decision.Outcome);
        Assert.True(Assert.Single(decision.Rules).Shadow);
    }

    [Fact]
    public void Verification_status_selects_rules()
    {
        var policy = SafetyPolicy.Parse("""
            { "rules": [ { "id": "unverified-pii", "when": { "signals": ["pii"], "verified": false }, "actions": ["hold_for_review"] } ] }
            """);
        var engine = new PolicyEngine(policy);
        var scan = Scanning.Engine.Scan("my number is 0813-2222-4567");
        Assert.Equal(SafetyAction.HoldForReview, engine.Decide(scan, null, PolicyContext.Default with { SenderVerified = false }).Outcome);
        Assert.Equal(SafetyAction.Allow, engine.Decide(scan, null, PolicyContext.Default).Outcome);
    }

    [Fact]
    public void Conversation_risks_trigger_rules_even_when_the_message_is_clean()
    {
        var assessment = new ConversationAssessment(ConversationRisk.Grooming, ConversationRisk.Grooming, ["conversation.grooming"]);
        var decision = Default.Decide(Scanning.Engine.Scan("ok see you then"), assessment, PolicyContext.Default);
        Assert.Equal(SafetyAction.Block, decision.Outcome);
        Assert.Contains("grooming", Assert.Single(decision.Rules, r => r.RuleId == "grooming-block").MatchedRisks);
    }

    [Theory]
    [InlineData("""{ "rules": [ { "id": "x", "when": { "signals": ["nonsense"] }, "actions": ["block"] } ] }""")]
    [InlineData("""{ "rules": [ { "id": "x", "when": { "signals": ["pii"] }, "actions": [] } ] }""")]
    [InlineData("""{ "rules": [ { "id": "x", "when": { "verified": true }, "actions": ["block"] } ] }""")]
    [InlineData("""{ "rules": [ { "id": "x", "when": { "signals": ["pii"] }, "actions": ["explode"] } ] }""")]
    [InlineData("""{ "rules": [ { "id": "x", "when": { "signals": ["pii"] }, "actions": ["block"] }, { "id": "x", "when": { "signals": ["pii"] }, "actions": ["block"] } ] }""")]
    [InlineData("not json")]
    public void Invalid_policies_are_rejected_with_a_reason(string json) =>
        Assert.Throws<InvalidDataException>(() => SafetyPolicy.Parse(json));
}
