using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Haven.Safety.Policy;
using Haven.Server.Chat;
using Haven.Server.Contacts;
using Haven.Server.Moderation;
using Haven.Testing.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Server.Tests.Moderation;

/// <summary>Reports, cases, decisions, appeals and legal hold, run against each database provider (subclasses at the end).</summary>
public abstract class ModerationSpecification(ModerationApp fixture)
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Report_case_suspension_statement_appeal_and_reversal_lifts_the_suspension()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var cara = await App.RegisterAsync();
        var decider = await fixture.ModeratorAsync();
        var reviewer = await fixture.ModeratorAsync();
        await App.QueryAsync(db => db.Users.Where(m => m.Id == ben.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.PreferredCulture, "id")));
        var conversation = await HavenApp.ConnectAsync(ayu, ben);
        var sent = await fixture.SendAsync(ben, conversation, "hey", "answer me or else");

        var report = await ModerationApp.ReportAsync(ayu, new { target = "message", category = "harassment", messageId = sent[1], details = "threats" });
        Assert.NotNull(report.EvidenceDigest);
        Assert.Contains(await ModerationApp.NoticesAsync(ayu), n => n.Kind == NoticeKind.ReportReceived);

        var caseId = await fixture.CaseOfAsync(report.Id);
        Assert.Contains((await decider.Http.GetFromJsonAsync<List<QueueItem>>("/api/moderation/queue"))!, q => q.CaseId == caseId && q.Reports == 1);
        var view = (await decider.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!;
        var snapshot = Assert.Single(view.Evidence, e => e.Kind == EvidenceKind.ConversationSnapshot);
        var evidence = await decider.Http.GetStringAsync($"/api/moderation/cases/{caseId}/evidence/{snapshot.Id}");
        Assert.Contains("answer me or else", evidence);
        Assert.Equal(report.EvidenceDigest, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(evidence))));

        var decision = await ModerationApp.ActAsync(decider, caseId, new { action = "suspend", rule = "harassment", facts = "Threatening messages after being asked to stop.", days = 7 });
        Assert.Equal(DecisionStatus.Applied, decision.Status);

        // The suspension really stops the member: no messages over the hub, no contact requests.
        await using (var hub = await App.ConnectHubAsync(ben))
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, Guid.NewGuid(), "still here")));
            HubErrors.AssertCode("Suspended", refused);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await ben.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = cara.Id })).StatusCode);

        // The statement of reasons, in the member's language: decision, rule, facts, automated or not, how to appeal.
        var statement = Assert.Single(await ModerationApp.NoticesAsync(ben), n => n.Kind == NoticeKind.StatementOfReasons);
        Assert.Equal("Keputusan tentang akunmu", statement.Title);
        Assert.Contains("ditangguhkan", statement.Body);
        Assert.Contains("Tidak boleh melecehkan", statement.Body);
        Assert.Contains("Threatening messages", statement.Body);
        Assert.Contains("dibuat oleh moderator", statement.Body);
        Assert.Contains("banding", statement.Body);
        Assert.Equal(decision.Id, statement.DecisionId);
        Assert.True(statement.AppealUntil > fixture.Clock.GetUtcNow().AddMonths(5));
        Assert.Contains(await ModerationApp.NoticesAsync(ayu), n => n.Kind == NoticeKind.ReportOutcome);
        Assert.Equal(ModerationAction.Suspend, (await ayu.Http.GetFromJsonAsync<ReportView>($"/api/reports/{report.Id}"))!.Outcome);

        var appealed = await ben.Http.PostAsJsonAsync("/api/appeals", new { decisionId = decision.Id, text = "It was a joke between friends." });
        Assert.Equal(HttpStatusCode.OK, appealed.StatusCode);
        var appeal = (await appealed.Content.ReadFromJsonAsync<AppealView>())!;

        // The appeal goes to a different moderator.
        Assert.DoesNotContain((await decider.Http.GetFromJsonAsync<List<ModeratorAppealView>>("/api/moderation/appeals"))!, a => a.Id == appeal.Id);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await decider.Http.PostAsJsonAsync($"/api/moderation/appeals/{appeal.Id}/decide", new { outcome = "reversed" })).StatusCode);
        Assert.Contains((await reviewer.Http.GetFromJsonAsync<List<ModeratorAppealView>>("/api/moderation/appeals"))!, a => a.Id == appeal.Id);
        var reversed = await reviewer.Http.PostAsJsonAsync($"/api/moderation/appeals/{appeal.Id}/decide", new { outcome = "reversed", reason = "Context shows no threat." });
        Assert.Equal(HttpStatusCode.OK, reversed.StatusCode);

        Assert.Equal(AppealStatus.Reversed, Assert.Single((await ben.Http.GetFromJsonAsync<List<AppealView>>("/api/appeals"))!).Status);
        Assert.Contains(await ModerationApp.NoticesAsync(ben), n => n.Kind == NoticeKind.AppealOutcome && n.Body.Contains("membatalkan"));
        await fixture.SendAsync(ben, conversation, "sorry about that");
        Assert.Equal(0, (await reviewer.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!.ActiveStrikes);

        var audited = await App.QueryAsync(db => db.AuditEntries.Where(e => e.Subject == $"case:{caseId}").OrderBy(e => e.Sequence).Select(e => e.Actor + " " + e.Action).ToListAsync());
        Assert.Equal(new[]
        {
            $"member:{decider.Id} moderation.evidence.view",
            $"member:{decider.Id} moderation.decision.apply",
            $"member:{reviewer.Id} moderation.appeal.reverse",
        }, audited);
    }

    [Fact]
    public async Task Pressure_from_a_sender_with_an_active_strike_is_held_for_review()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ben);
        const string pressure = "Stop saying no, you owe me this after everything I did for you";

        // Without strikes, pressure is sent (after "are you sure?") with a safety tip, not held.
        var first = await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), pressure, Confirmed: true));
        Assert.False(first.Held);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var caseId = await scope.ServiceProvider.GetRequiredService<ICaseIntake>().OpenOrJoinAsync(
                new CaseSignal(ben.Id, CaseKind.AutomatedSignal, CasePriority.Medium, "message:1", null, "coercion", Category: ReportCategory.Coercion), default);
            await scope.ServiceProvider.GetRequiredService<Enforcement>().DecideAutomaticallyAsync(caseId, ModerationAction.Warn, ReportCategory.Coercion, "Pressure after a no.", null, default);
        }

        var second = await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), pressure, Confirmed: true));
        Assert.True(second.Held);
    }

    [Fact]
    public async Task Automated_enforcement_tells_the_member_it_was_automated_and_is_audited()
    {
        var ben = await App.RegisterAsync();
        DecisionView decision;
        Guid caseId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            caseId = await scope.ServiceProvider.GetRequiredService<ICaseIntake>().OpenOrJoinAsync(
                new CaseSignal(ben.Id, CaseKind.AutomatedSignal, CasePriority.Low, "message:7", null, "spam.repeated_link", Category: ReportCategory.Spam), default);
            var enforcement = scope.ServiceProvider.GetRequiredService<Enforcement>();
            Assert.Equal(StatusCodes.Status400BadRequest, (await enforcement.DecideAutomaticallyAsync(caseId, ModerationAction.Ban, ReportCategory.Spam, "x", null, default)).Refusal!.Status);
            decision = (await enforcement.DecideAutomaticallyAsync(caseId, ModerationAction.Warn, ReportCategory.Spam, "The same link was sent to 40 members in an hour.", null, default)).Value!;
        }

        Assert.True(decision.Automated);
        Assert.Null(decision.ModeratorId);
        var statement = Assert.Single(await ModerationApp.NoticesAsync(ben), n => n.Kind == NoticeKind.StatementOfReasons);
        Assert.Contains("made automatically", statement.Body);
        Assert.Contains("No spam", statement.Body);
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Subject == $"case:{caseId}" && e.Actor == "system:safety" && e.Action == "moderation.decision.apply")));
    }

    [Fact]
    public async Task Suspension_ends_after_its_days_and_strikes_expire()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var moderator = await fixture.ModeratorAsync();
        var conversation = await HavenApp.ConnectAsync(ayu, ben);
        var report = await ModerationApp.ReportAsync(ayu, new { target = "conversation", category = "harassment", conversationId = conversation });
        var caseId = await fixture.CaseOfAsync(report.Id);
        await ModerationApp.ActAsync(moderator, caseId, new { action = "suspend", rule = "harassment", facts = "Insults after being asked to stop.", days = 2 });
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = moderator.Id })).StatusCode);

        // Bearer tokens last an hour, so after days away both sign in again.
        fixture.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        ben = await fixture.SignInAgainAsync(ben);
        await fixture.SendAsync(ben, conversation, "back again, and calmer");
        moderator = await fixture.SignInAgainAsync(moderator);
        Assert.Equal(1, (await moderator.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!.ActiveStrikes);

        fixture.Clock.Advance(TimeSpan.FromDays(90));
        moderator = await fixture.SignInAgainAsync(moderator);
        Assert.Equal(0, (await moderator.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!.ActiveStrikes);
    }

    [Fact]
    public async Task Statement_of_reasons_arrives_live_on_the_members_hub_connection()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var moderator = await fixture.ModeratorAsync();
        await using var hub = await App.ConnectHubAsync(ben);
        var received = new TaskCompletionSource<NoticeView>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<NoticeView>(NoticeService.ReceivedEvent, notice => received.TrySetResult(notice));
        var report = await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "spam", memberId = ben.Id });

        var warning = await ModerationApp.ActAsync(moderator, await fixture.CaseOfAsync(report.Id), new { action = "warn", rule = "spam", facts = "Advertising in first messages." });

        var notice = await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(NoticeKind.StatementOfReasons, notice.Kind);
        Assert.Equal(warning.Id, notice.DecisionId);
    }

    [Fact]
    public async Task Member_calling_moderation_endpoints_gets_403()
    {
        var member = await App.RegisterAsync();
        var id = Guid.NewGuid();
        var calls = new List<Func<HttpClient, Task<HttpResponseMessage>>>
        {
            c => c.GetAsync("/api/moderation/queue"),
            c => c.GetAsync($"/api/moderation/cases/{id}"),
            c => c.GetAsync($"/api/moderation/cases?subject={id}"),
            c => c.GetAsync($"/api/moderation/cases/{id}/evidence/{id}"),
            c => c.PostAsJsonAsync($"/api/moderation/cases/{id}/assign", new { }),
            c => c.PostAsJsonAsync($"/api/moderation/cases/{id}/notes", new { text = "x" }),
            c => c.PostAsJsonAsync($"/api/moderation/cases/{id}/actions", new { action = "ban", rule = "spam", facts = "x" }),
            c => c.GetAsync($"/api/moderation/cases/{id}/export"),
            c => c.GetAsync("/api/moderation/approvals"),
            c => c.PostAsync($"/api/moderation/approvals/{id}/approve", null),
            c => c.PostAsync($"/api/moderation/approvals/{id}/reject", null),
            c => c.GetAsync("/api/moderation/appeals"),
            c => c.PostAsJsonAsync($"/api/moderation/appeals/{id}/decide", new { outcome = "reversed" }),
        };
        using var anonymous = App.NewClient();
        foreach (var call in calls)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await call(member.Http)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await call(anonymous)).StatusCode);
        }
    }

    [Fact]
    public async Task Moderator_cannot_approve_their_own_ban()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var first = await fixture.ModeratorAsync();
        var second = await fixture.ModeratorAsync();
        var conversation = await HavenApp.ConnectAsync(ayu, ben);
        var report = await ModerationApp.ReportAsync(ayu, new { target = "conversation", category = "scam", conversationId = conversation });
        var caseId = await fixture.CaseOfAsync(report.Id);

        var ban = await ModerationApp.ActAsync(first, caseId, new { action = "ban", rule = "scam", facts = "Asked several members for money." });
        Assert.Equal(DecisionStatus.PendingApproval, ban.Status);
        Assert.Contains((await second.Http.GetFromJsonAsync<List<DecisionView>>("/api/moderation/approvals"))!, d => d.Id == ban.Id);

        var own = await first.Http.PostAsync($"/api/moderation/approvals/{ban.Id}/approve", null);
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("OwnDecision", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await fixture.SendAsync(ben, conversation, "not banned yet");

        var approved = await second.Http.PostAsync($"/api/moderation/approvals/{ban.Id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(second.Id, (await approved.Content.ReadFromJsonAsync<DecisionView>())!.ApproverId);
        await using var hub = await App.ConnectHubAsync(ben);
        HubErrors.AssertCode("Suspended", await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversation, Guid.NewGuid(), "banned now"))));
        Assert.Equal(HttpStatusCode.Conflict, (await second.Http.PostAsync($"/api/moderation/approvals/{ban.Id}/approve", null)).StatusCode);
    }

    [Fact]
    public async Task Legal_hold_survives_account_deletion_and_exports_an_authority_report()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var first = await fixture.ModeratorAsync();
        var second = await fixture.ModeratorAsync();
        var conversation = await HavenApp.ConnectAsync(ayu, ben);
        // Benign words: the safety engine would hold the worrying ones before they were ever stored.
        await fixture.SendAsync(ben, conversation, "hi there", "talk tomorrow?");
        var report = await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "minor_at_risk", memberId = ben.Id, block = true });
        var caseId = await fixture.CaseOfAsync(report.Id);
        var held = (await first.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!;
        Assert.True(held.LegalHold);
        Assert.Equal(CasePriority.Critical, held.Priority);
        // PostgreSQL keeps microseconds, hence the precision.
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(365), held.LegalHoldUntil!.Value, TimeSpan.FromMilliseconds(1));

        Assert.Equal(HttpStatusCode.NoContent, (await ben.Http.DeleteAsync("/api/account")).StatusCode);
        Assert.False(await App.QueryAsync(db => db.Users.AnyAsync(m => m.Id == ben.Id)));
        Assert.Equal(0, await App.QueryAsync(db => db.Messages.CountAsync(m => m.SenderId == ben.Id)));
        var kept = (await first.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!;
        Assert.Contains(kept.Evidence, e => e.Kind == EvidenceKind.ConversationSnapshot);
        Assert.Contains(kept.Evidence, e => e.Kind == EvidenceKind.AccountSnapshot);

        Assert.Equal(HttpStatusCode.Conflict, (await first.Http.GetAsync($"/api/moderation/cases/{caseId}/export")).StatusCode);
        var proposal = await ModerationApp.ActAsync(first, caseId, new { action = "authority_report", rule = "minor_at_risk", facts = "Age probing and secrecy requests toward a member who said they are 15." });
        Assert.Equal(HttpStatusCode.OK, (await second.Http.PostAsync($"/api/moderation/approvals/{proposal.Id}/approve", null)).StatusCode);
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Subject == $"case:{caseId}" && e.Action == "moderation.legal_hold.start")));

        var export = await first.Http.GetAsync($"/api/moderation/cases/{caseId}/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync());
        var files = zip.Entries.ToDictionary(e => e.FullName, e => { using var reader = new StreamReader(e.Open()); return reader.ReadToEnd(); });
        var digests = files["digests.txt"].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split("  ")).ToDictionary(p => p[1], p => p[0]);
        foreach (var (name, sha) in digests)
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(files[name]))));
        var preserved = JsonDocument.Parse(Assert.Single(files, f => f.Key.StartsWith("evidence/ConversationSnapshot", StringComparison.Ordinal)).Value).RootElement;
        Assert.Contains(preserved.GetProperty("messages").EnumerateArray(), m => m.GetProperty("text").GetString() == "talk tomorrow?");
        var json = JsonDocument.Parse(files["report.json"]).RootElement;
        Assert.Equal(ben.Pseudonym, json.GetProperty("suspect").GetProperty("pseudonym").GetString());
        Assert.Equal(ben.Email, json.GetProperty("suspect").GetProperty("email").GetString());
        Assert.True(json.GetProperty("suspect").GetProperty("accountDeleted").GetBoolean());
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Subject == $"case:{caseId}" && e.Action == "moderation.authority_report.export" && e.Actor == $"member:{first.Id}")));
        Assert.Equal(second.Id, json.GetProperty("reporter").GetProperty("approvedBy").GetGuid());
        Assert.Equal(digests.Count - 1, json.GetProperty("content").GetArrayLength());
    }

    [Fact]
    public async Task When_a_legal_hold_ends_the_deleted_members_case_is_erased()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var cara = await App.RegisterAsync();
        var admin = await App.MakeAdminAsync(await App.RegisterAsync());
        var deleted = await fixture.CaseOfAsync((await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "trafficking", memberId = ben.Id })).Id);
        var kept = await fixture.CaseOfAsync((await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "minor_at_risk", memberId = cara.Id })).Id);
        Assert.True((await admin.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{deleted}"))!.LegalHold);
        Assert.Equal(HttpStatusCode.NoContent, (await ben.Http.DeleteAsync("/api/account")).StatusCode);

        var sweeper = App.Services.GetRequiredService<LegalHoldSweeper>();
        await sweeper.SweepAsync(default);
        Assert.True(await App.QueryAsync(db => db.ModerationCases.AnyAsync(c => c.Id == deleted)));

        fixture.Clock.Advance(TimeSpan.FromDays(366));
        await sweeper.SweepAsync(default);
        Assert.False(await App.QueryAsync(db => db.ModerationCases.AnyAsync(c => c.Id == deleted)));
        Assert.False(await App.QueryAsync(db => db.CaseEvidence.AnyAsync(e => e.CaseId == deleted)));
        Assert.False(await App.QueryAsync(db => db.ModerationCases.Where(c => c.Id == kept).Select(c => c.LegalHold).SingleAsync()));
        Assert.True(await App.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Subject == $"case:{deleted}" && e.Action == "moderation.legal_hold.erase")));
    }

    [Fact]
    public async Task Moderator_cannot_decide_a_case_about_themselves()
    {
        var ayu = await App.RegisterAsync();
        var moderator = await fixture.ModeratorAsync();
        var caseId = await fixture.CaseOfAsync((await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "harassment", memberId = moderator.Id })).Id);

        var own = await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions", new { action = "dismiss" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("OwnCase", (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Account_deletion_erases_cases_that_are_not_on_legal_hold()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var report = await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "spam", memberId = ben.Id });
        var caseId = await fixture.CaseOfAsync(report.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await ben.Http.DeleteAsync("/api/account")).StatusCode);
        Assert.False(await App.QueryAsync(db => db.ModerationCases.AnyAsync(c => c.Id == caseId)));
    }

    [Fact]
    public async Task Members_cannot_read_or_act_on_anothers_reports_notices_or_decisions()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var eve = await App.RegisterAsync();
        var moderator = await fixture.ModeratorAsync();
        var report = await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "harassment", memberId = ben.Id });
        var warning = await ModerationApp.ActAsync(moderator, await fixture.CaseOfAsync(report.Id), new { action = "warn", rule = "harassment", facts = "Repeated unwanted messages." });

        Assert.Equal(HttpStatusCode.NotFound, (await eve.Http.GetAsync($"/api/reports/{report.Id}")).StatusCode);
        Assert.DoesNotContain((await eve.Http.GetFromJsonAsync<List<ReportView>>("/api/reports"))!, r => r.Id == report.Id);
        Assert.DoesNotContain((await ben.Http.GetFromJsonAsync<List<ReportView>>("/api/reports"))!, r => r.Id == report.Id);
        var ayuNotice = (await ModerationApp.NoticesAsync(ayu))[0];
        Assert.Equal(HttpStatusCode.NotFound, (await eve.Http.PostAsync($"/api/me/notices/{ayuNotice.Id}/read", null)).StatusCode);
        Assert.Empty(await ModerationApp.NoticesAsync(eve));
        Assert.Equal(HttpStatusCode.NotFound, (await eve.Http.PostAsJsonAsync("/api/appeals", new { decisionId = warning.Id, text = "not me" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ben.Http.PostAsJsonAsync("/api/appeals", new { decisionId = warning.Id, text = "I stopped." })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ben.Http.PostAsJsonAsync("/api/appeals", new { decisionId = warning.Id, text = "Again." })).StatusCode);
        Assert.Empty((await eve.Http.GetFromJsonAsync<List<AppealView>>("/api/appeals"))!);
    }

    [Fact]
    public async Task Reports_are_rate_limited_per_reporter()
    {
        var ayu = await App.RegisterAsync();
        var others = new List<TestMember>();
        for (var i = 0; i <= ModerationApp.ReportsPerHour; i++)
            others.Add(await App.RegisterAsync());
        for (var i = 0; i < ModerationApp.ReportsPerHour; i++)
            await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "spam", memberId = others[i].Id });

        var refused = await ayu.Http.PostAsJsonAsync("/api/reports", new { target = "profile", category = "spam", memberId = others[^1].Id });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("ReportLimitReached", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Reporter_can_block_in_the_same_step()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var report = await ModerationApp.ReportAsync(ayu, new { target = "profile", category = "harassment", memberId = ben.Id, block = true });
        Assert.True(report.Blocked);
        Assert.Contains((await ayu.Http.GetFromJsonAsync<List<BlockedMember>>("/api/contacts/blocks"))!, b => b.MemberId == ben.Id);
        Assert.Contains(await ModerationApp.NoticesAsync(ayu), n => n.Kind == NoticeKind.ReportReceived && n.Body.Contains("blocked"));
    }

    [Fact]
    public async Task Queue_puts_child_safety_first_then_intimate_images_with_a_countdown_then_threats_scams_spam()
    {
        var reporter = await App.RegisterAsync();
        var moderator = await fixture.ModeratorAsync();
        var categories = new[] { "spam", "scam", "coercion", "intimate_images", "minor_at_risk" };
        var reporters = new List<TestMember> { reporter, await App.RegisterAsync() };
        var subjects = new List<Guid>();
        for (var i = 0; i < categories.Length; i++)
        {
            var subject = await App.RegisterAsync();
            subjects.Add(subject.Id);
            await ModerationApp.ReportAsync(reporters[i % 2], new { target = "profile", category = categories[i], memberId = subject.Id });
        }

        var queue = (await moderator.Http.GetFromJsonAsync<List<QueueItem>>("/api/moderation/queue"))!.Where(q => subjects.Contains(q.SubjectMemberId)).ToList();
        Assert.Equal(new[] { ReportCategory.MinorAtRisk, ReportCategory.IntimateImages, ReportCategory.Coercion, ReportCategory.Scam, ReportCategory.Spam },
            queue.Select(q => q.Category!.Value));
        Assert.InRange(queue[1].SecondsToDeadline!.Value, (long)TimeSpan.FromHours(48).TotalSeconds - 1, (long)TimeSpan.FromHours(48).TotalSeconds);
        Assert.Null(queue[2].SecondsToDeadline);
    }

    [Fact]
    public async Task Automated_signals_join_the_subjects_open_case_and_raise_its_priority()
    {
        var ben = await App.RegisterAsync();
        Guid first, second;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var intake = scope.ServiceProvider.GetRequiredService<ICaseIntake>();
            first = await intake.OpenOrJoinAsync(new CaseSignal(ben.Id, CaseKind.AutomatedSignal, CasePriority.Low, "message:1", null, "spam.link"), default);
            second = await intake.OpenOrJoinAsync(new CaseSignal(ben.Id, CaseKind.AutomatedSignal, CasePriority.High, "message:2", null, "grooming.secrecy"), default);
        }

        Assert.Equal(first, second);
        var moderator = await fixture.ModeratorAsync();
        var view = (await moderator.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{first}"))!;
        Assert.Equal(CasePriority.High, view.Priority);
        // Both signals arrive at the same (fake) instant, so their order is not defined.
        Assert.Equal(new[] { "grooming.secrecy", "spam.link" }, view.Evidence.Select(e => e.Explanation).Order());
    }

    [Fact]
    public async Task Moderators_assign_note_and_restrict_and_bad_input_is_a_problem_not_an_error()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var cara = await App.RegisterAsync();
        var moderator = await fixture.ModeratorAsync();
        var conversation = await HavenApp.ConnectAsync(ayu, ben);
        Assert.Equal(HttpStatusCode.BadRequest, (await ayu.Http.PostAsJsonAsync("/api/reports", new { target = "profile", memberId = ben.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ayu.Http.PostAsJsonAsync("/api/reports", new { target = "profile", category = "spam", memberId = ayu.Id })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cara.Http.PostAsJsonAsync("/api/reports", new { target = "conversation", category = "spam", conversationId = conversation })).StatusCode);
        var report = await ModerationApp.ReportAsync(ayu, new { target = "conversation", category = "spam", conversationId = conversation });
        var caseId = await fixture.CaseOfAsync(report.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/assign", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/assign", new { moderatorId = ayu.Id })).StatusCode);
        Assert.Contains((await moderator.Http.GetFromJsonAsync<List<QueueItem>>("/api/moderation/queue?mine=true"))!, q => q.CaseId == caseId);
        Assert.Equal(HttpStatusCode.OK, (await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/notes", new { text = "Looks like link spam." })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/notes", new { text = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions", new { action = "suspend", rule = "spam", facts = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions", new { action = "warn" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions", new { action = "explode", rule = "spam", facts = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.Http.GetAsync($"/api/moderation/cases/{Guid.NewGuid()}")).StatusCode);

        await ModerationApp.ActAsync(moderator, caseId, new { action = "restrict", rule = "spam", facts = "Sent the same link to many members.", days = 3 });
        Assert.Equal(HttpStatusCode.Forbidden, (await ben.Http.PostAsJsonAsync("/api/contacts/requests", new { toMemberId = cara.Id })).StatusCode);
        await fixture.SendAsync(ben, conversation, "existing conversations still work");
        var view = (await moderator.Http.GetFromJsonAsync<CaseView>($"/api/moderation/cases/{caseId}"))!;
        Assert.Equal(CaseStatus.Closed, view.Status);
        Assert.Single(view.Notes);
        Assert.Equal(caseId, Assert.Single((await moderator.Http.GetFromJsonAsync<List<QueueItem>>($"/api/moderation/cases?subject={ben.Id}&status=closed"))!).CaseId);
        Assert.Empty((await moderator.Http.GetFromJsonAsync<List<QueueItem>>($"/api/moderation/cases?subject={ben.Id}&status=open"))!);
        Assert.Equal(HttpStatusCode.BadRequest, (await moderator.Http.GetAsync("/api/moderation/cases?status=maybe")).StatusCode);
        Assert.Equal(RestrictionKind.NoNewConversations, Assert.Single(view.ActiveRestrictions).Kind);
        Assert.Equal(1, view.ActiveStrikes);
        Assert.Contains(await ModerationApp.NoticesAsync(ben), n => n.Kind == NoticeKind.StatementOfReasons && n.Body.Contains("start new conversations"));
    }
}

public sealed class Moderation_on_sqlite(SqliteModerationApp fixture) : ModerationSpecification(fixture), IClassFixture<SqliteModerationApp>;

public sealed class Moderation_on_postgres(PostgresModerationApp fixture) : ModerationSpecification(fixture), IClassFixture<PostgresModerationApp>;
