using System.Net.Http.Json;
using Haven.Server.Chat;
using Haven.Server.Moderation;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Haven.Server.Tests.Moderation;

/// <summary>Haven on SQLite with a fake clock and a low report limit, plus the steps moderation tests repeat.</summary>
public sealed class ModerationApp : IAsyncLifetime
{
    public const int ReportsPerHour = 3;

    private string _directory = "";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public HavenApp App { get; private set; } = null!;

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("moderation");
        App = HavenApp.Sqlite(_directory, new Dictionary<string, string?> { ["Haven:Moderation:ReportsPerHour"] = ReportsPerHour.ToString() })
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock))
            .Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await TestTempDirectory.DeleteAsync(_directory);
    }

    public async Task<TestMember> ModeratorAsync() => await App.MakeModeratorAsync(await App.RegisterAsync());

    /// <summary>Sends the texts over a real hub connection; returns the stored messages' ids.</summary>
    public async Task<long[]> SendAsync(TestMember sender, Guid conversationId, params string[] texts)
    {
        await using var hub = await App.ConnectHubAsync(sender);
        var ids = new List<long>();
        foreach (var text in texts)
            ids.Add((await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), text))).MessageId);
        return [.. ids];
    }

    public static async Task<ReportView> ReportAsync(TestMember reporter, object report)
    {
        var response = await reporter.Http.PostAsJsonAsync("/api/reports", report);
        Assert.True(response.IsSuccessStatusCode, $"report failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<ReportView>())!;
    }

    public Task<Guid> CaseOfAsync(Guid reportId) =>
        App.QueryAsync(db => db.Reports.Where(r => r.Id == reportId).Select(r => r.CaseId).SingleAsync());

    public static async Task<DecisionView> ActAsync(TestMember moderator, Guid caseId, object action)
    {
        var response = await moderator.Http.PostAsJsonAsync($"/api/moderation/cases/{caseId}/actions", action);
        Assert.True(response.IsSuccessStatusCode, $"action failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<DecisionView>())!;
    }

    public static async Task<List<NoticeView>> NoticesAsync(TestMember member) =>
        (await member.Http.GetFromJsonAsync<List<NoticeView>>("/api/me/notices"))!;
}
