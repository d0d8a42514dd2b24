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

/// <summary>Haven with a fake clock and a low report limit, plus the steps moderation tests repeat.</summary>
public abstract class ModerationApp : IAsyncLifetime
{
    public const int ReportsPerHour = 3;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public HavenApp App { get; private set; } = null!;

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected void Start(string provider, string connectionString) =>
        App = new HavenApp(provider, connectionString, new Dictionary<string, string?> { ["Haven:Moderation:ReportsPerHour"] = ReportsPerHour.ToString() })
            .WithServices(services => services.AddSingleton<TimeProvider>(Clock))
            .Start();

    public async Task<TestMember> SignInAgainAsync(TestMember member)
    {
        var token = await App.SignInAsync(member.Email, member.Password);
        var client = App.NewClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return member with { Token = token, Http = client };
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

public sealed class SqliteModerationApp : ModerationApp
{
    private string _directory = "";

    public override Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("moderation");
        Start("Sqlite", $"Data Source={Path.Combine(_directory, "haven.db")}");
        return Task.CompletedTask;
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await TestTempDirectory.DeleteAsync(_directory);
    }
}

public sealed class PostgresModerationApp : ModerationApp
{
    private readonly PostgresDatabase _database = new();

    public override async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Start("Postgres", _database.ConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
