using Haven.Safety;
using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Safety.Explanations;
using Haven.Safety.Policy;
using Haven.Server.Age;
using Haven.Server.Audit;
using Haven.Server.Chat;
using Haven.Server.Moderation;

namespace Haven.Server.MessageSafety;

/// <summary>
/// The safety step of the message path: scan the text, add it to the conversation's risk state, ask the
/// policy, and enforce the decision. Block: nothing is stored. Warn sender: "Are you sure?" until they send
/// anyway. Hold: stored but not delivered until reviewed. Warn recipient: tip keys on the message. Blur,
/// cases. A clean message in a conversation without risks costs one scan and nothing else.
/// </summary>
internal sealed partial class SafetyMessageGate(
    SafetyEngine engine,
    PolicyEngine policy,
    ConversationRiskTracker tracker,
    ConversationRiskStore risks,
    PolicyReach reach,
    PolicyContextSource contexts,
    ICaseIntake cases,
    AgeStatusService age,
    IAuditTrail audit,
    ILogger<SafetyMessageGate> logger) : IMessageGate
{
    public const string BlockedCode = "Blocked";
    public const string AreYouSureCode = Consent.ConsentMessageGate.AreYouSureCode;

    private static readonly Refusal Blocked = new(StatusCodes.Status403Forbidden, BlockedCode,
        "This message was not sent because it goes against Haven's safety rules.");

    public async ValueTask<Refusal?> CheckAsync(MessageGateContext context, CancellationToken cancellationToken)
    {
        var scan = engine.Scan(context.Text);
        var author = Author(context.SenderId);
        var state = await risks.GetAsync(context.ConversationId, stored: false, cancellationToken);
        var teaches = false;

        ConversationAssessment assessment;
        ConversationRisk senderRisks;
        List<(string Author, ConversationRisk Risk)> others = [];
        lock (state)
        {
            if (ReferenceEquals(scan, ScanResult.Clean) && state.Risks == ConversationRisk.None)
            {
                // Nearly every message: nothing to learn, nothing established, nothing to decide.
                context.AfterStored((_, ct) => risks.RecordAsync(context.ConversationId, author, scan, teaches: false, ct));
                if (SafetyTips.HasLink(context.Text))
                    context.RecipientTips = [SafetyTips.Link];
                return null;
            }

            var trial = ConversationRiskStore.Copy(state);
            assessment = tracker.Update(trial, author, scan);
            teaches = ConversationRiskStore.Teaches(state, trial, author);
            senderRisks = RiskAttribution.For(trial, author, assessment, tracker);
        }

        if (teaches)
        {
            // Judge against the stored state: the other member's latest moves may have been made on another node.
            // A fresh copy from the database, this message's alone: trying the message on it changes nothing shared.
            var stored = await risks.GetAsync(context.ConversationId, stored: true, cancellationToken);
            lock (stored)
            {
                assessment = tracker.Update(stored, author, scan);
                senderRisks = RiskAttribution.For(stored, author, assessment, tracker);
                others = [.. RiskAttribution.Others(stored, author, assessment, tracker)];
            }
        }

        var judged = new ConversationAssessment(senderRisks, assessment.NewRisks & senderRisks, assessment.ExplanationKeys);
        // Facts about the sender cost queries: only look them up when an enforced rule could match.
        var decision = senderRisks == ConversationRisk.None && !scan.Signals.Any(s => reach.Enforces(s.Kind))
            ? policy.Decide(scan, judged, PolicyContext.Default)
            : policy.Decide(scan, judged, await contexts.ForAsync(context.SenderId, context.ConversationId, cancellationToken));
        if (decision.Outcome != SafetyAction.Allow)
            LogDecision(logger, context.ConversationId, context.SenderId, decision.Outcome, RuleIds(decision));
        else if (decision.Rules.Count > 0)
            LogShadowDecision(logger, context.ConversationId, context.SenderId, RuleIds(decision));

        var explanation = Explanation(scan, decision, assessment);
        if (decision.Has(SafetyAction.Block))
        {
            // Nothing is stored, but what the message showed about the conversation is kept.
            await risks.RecordAsync(context.ConversationId, author, scan, teaches, cancellationToken);
            await VerifyAgeAsync(decision, context.SenderId, cancellationToken);
            var evidence = $"conversation:{context.ConversationId}";
            if (decision.Has(SafetyAction.OpenCase))
                await OpenCaseAsync(context.SenderId, context.ConversationId, Priority(decision), evidence, explanation, cancellationToken);
            await OpenOthersCasesAsync(others, context.ConversationId, evidence, cancellationToken);
            await AuditAsync("safety.block_message", context.SenderId, evidence, decision, cancellationToken);
            return Blocked;
        }

        if (decision.Has(SafetyAction.WarnSender) && !context.SenderConfirmed)
            return AreYouSure(scan, decision);

        context.BlurForRecipients |= decision.Has(SafetyAction.Blur);
        context.HoldForReview |= decision.Has(SafetyAction.HoldForReview);
        context.RecipientTips = SafetyTips.For(context.Text, scan, decision, senderRisks);
        var openCase = decision.Has(SafetyAction.OpenCase) || decision.Has(SafetyAction.HoldForReview);
        context.AfterStored(async (messageId, ct) =>
        {
            try
            {
                await risks.RecordAsync(context.ConversationId, author, scan, teaches, ct);
                await VerifyAgeAsync(decision, context.SenderId, ct);
                var evidence = $"message:{messageId}";
                if (openCase)
                    await OpenCaseAsync(context.SenderId, context.ConversationId, Priority(decision), evidence, explanation, ct);
                await OpenOthersCasesAsync(others, context.ConversationId, evidence, ct);
                if (decision.Has(SafetyAction.HoldForReview))
                    await AuditAsync("safety.hold_message", context.SenderId, evidence, decision, ct);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The message is stored (and held if it had to be): the sender must get their ack, or a resend
                // would find the stored message and skip this work anyway. The log names what was missed.
                LogAfterStoreFailed(logger, messageId, context.ConversationId, string.Join(',', decision.Rules.Select(r => r.RuleId)), exception);
            }
        });
        return null;
    }

    /// <summary>Someone appears to be under 18: until they confirm their age again, the age gates treat them as unverified.</summary>
    private async Task VerifyAgeAsync(PolicyDecision decision, Guid memberId, CancellationToken ct)
    {
        if (!decision.Has(SafetyAction.VerifyAge))
            return;
        await age.RecordAsync(memberId, AgeMethod.Moderator, AgeOutcome.ReverificationRequired, null, "haven-safety", ct);
        await AuditAsync("safety.require_reverification", memberId, AuditEvent.Member(memberId), decision, ct);
    }

    /// <summary>Automated enforcement goes on the audit chain like a moderator's: rule ids and references, never text.</summary>
    private Task AuditAsync(string action, Guid memberId, string evidence, PolicyDecision decision, CancellationToken ct) =>
        audit.AppendAsync(new AuditEvent(AuditEvent.System("safety"), action, AuditEvent.Member(memberId), new Dictionary<string, string>
        {
            ["evidence"] = evidence,
            ["rules"] = string.Join(',', decision.Rules.Where(r => !r.Shadow).Select(r => r.RuleId)),
        }), ct);

    /// <summary>The case-worthy risk completed by someone else's message (the child's reply) still opens a case about its author.</summary>
    private async Task OpenOthersCasesAsync(List<(string Author, ConversationRisk Risk)> others, Guid conversationId, string evidence, CancellationToken ct)
    {
        foreach (var (other, risk) in others)
        {
            var decision = policy.Decide(ScanResult.Clean, new ConversationAssessment(risk, risk, []), PolicyContext.Default);
            if (decision.Has(SafetyAction.OpenCase) && Guid.TryParseExact(other, "N", out var memberId))
                await OpenCaseAsync(memberId, conversationId, Priority(decision), evidence, Explanation(ScanResult.Clean, decision, null), ct);
        }
    }

    private async Task OpenCaseAsync(Guid subject, Guid conversationId, CasePriority priority, string evidence, string explanation, CancellationToken ct)
    {
        var caseId = await cases.OpenOrJoinAsync(new CaseSignal(subject, CaseKind.AutomatedSignal, priority, evidence, conversationId, explanation), ct);
        LogCase(logger, caseId, subject, priority);
    }

    private static CasePriority Priority(PolicyDecision decision) =>
        decision.CasePriority == CasePriority.None ? CasePriority.Medium : decision.CasePriority;

    /// <summary>Rule ids and explanation keys: what a moderator needs to see why, never the text.</summary>
    private static string Explanation(ScanResult scan, PolicyDecision decision, ConversationAssessment? assessment)
    {
        var keys = scan.Signals.Select(s => s.ExplanationKey).Concat(assessment?.ExplanationKeys ?? []).Distinct();
        return $"rules: {string.Join(',', decision.Rules.Where(r => !r.Shadow).Select(r => r.RuleId))}; explanations: {string.Join(',', keys)}";
    }

    private static Refusal AreYouSure(ScanResult scan, PolicyDecision decision)
    {
        var asked = decision.Rules.Where(r => !r.Shadow && r.Actions.Contains(SafetyAction.WarnSender)).SelectMany(r => r.MatchedSignals).ToHashSet();
        var reasons = string.Join(" ", scan.Signals.Where(s => asked.Contains(s.Kind.ToLabel()))
            .Select(s => SafetyExplanations.English(s.ExplanationKey)).Distinct());
        return new Refusal(StatusCodes.Status409Conflict, AreYouSureCode, $"Are you sure? {reasons} You can edit it, or send it anyway.".Replace("  ", " ", StringComparison.Ordinal));
    }

    /// <summary>Participants in the risk state are members, keyed by id (never a pseudonym).</summary>
    public static string Author(Guid memberId) => memberId.ToString("N");

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Safety decision {Outcome} in conversation {ConversationId} from {SenderId}; rules {Rules}.")]
    private static partial void LogDecision(ILogger logger, Guid conversationId, Guid senderId, SafetyAction outcome, string rules);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Error, Message = "Safety follow-up for stored message {MessageId} in conversation {ConversationId} failed (rules {Rules}); a moderator should look at it.")]
    private static partial void LogAfterStoreFailed(ILogger logger, long messageId, Guid conversationId, string rules, Exception exception);

    private static string RuleIds(PolicyDecision decision) => string.Join(',', decision.Rules.Select(r => r.Shadow ? r.RuleId + "(shadow)" : r.RuleId));

    [LoggerMessage(EventId = 5105, Level = LogLevel.Debug, Message = "Safety shadow rules {Rules} fired in conversation {ConversationId} from {SenderId}; nothing enforced.")]
    private static partial void LogShadowDecision(ILogger logger, Guid conversationId, Guid senderId, string rules);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Safety opened or joined case {CaseId} about {SubjectId} at priority {Priority}.")]
    private static partial void LogCase(ILogger logger, Guid caseId, Guid subjectId, CasePriority priority);
}
