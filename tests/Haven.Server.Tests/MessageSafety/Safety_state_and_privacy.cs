using System.Collections.Concurrent;
using Haven.Safety.Policy;
using Haven.Server.Chat;
using Haven.Server.MessageSafety;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Haven.Server.Tests.MessageSafety;

/// <summary>Conversation risk outlives the process; message text never reaches the logs.</summary>
public sealed class Safety_state_and_privacy : IAsyncLifetime
{
    private readonly string _directory = TestTempDirectory.Create("safety");

    // The same key across restarts, as an operator's configuration would keep it.
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Haven:Encryption:MessageKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
    };

    [Fact]
    public async Task Conversation_risk_survives_a_restart()
    {
        TestMember adult, teen;
        Guid conversationId;
        await using (var before = HavenApp.Sqlite(_directory, _settings).Start())
        {
            adult = await before.RegisterAsync();
            teen = await before.RegisterAsync();
            conversationId = await HavenApp.ConnectAsync(adult, teen);
            await using var adultHub = await before.ConnectHubAsync(adult);
            await using var teenHub = await before.ConnectHubAsync(teen);
            await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "hi! how old are you?"));
            await teenHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "15, why?"));
            await adultHub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "send me a photo of you?"));
            Assert.Equal(0, await before.QueryAsync(db => db.ModerationCases.CountAsync(c => c.SubjectMemberId == adult.Id)));
        }

        await using var after = HavenApp.Sqlite(_directory, _settings).Start();
        var signedIn = adult with { Token = await after.SignInAsync(adult.Email, adult.Password) };
        await using var hub = await after.ConnectHubAsync(signedIn);
        var error = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "let's meet up sometime")));

        HubErrors.AssertCode(SafetyMessageGate.BlockedCode, error);
        var opened = await after.QueryAsync(db => db.ModerationCases.SingleAsync(c => c.SubjectMemberId == adult.Id));
        Assert.Equal(CasePriority.Critical, opened.Priority);
    }

    [Fact]
    public async Task Message_text_never_appears_in_logs()
    {
        var logs = new CapturedLogs();
        await using var app = HavenApp.Sqlite(_directory, _settings)
            .WithServices(s => s.AddSingleton<ILoggerProvider>(logs))
            .Start();
        var rudi = await app.RegisterAsync();
        var sari = await app.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(rudi, sari);
        await using var hub = await app.ConnectHubAsync(rudi);
        string[] texts =
        [
            "Tolong kirim uang 300 ribu ke rekening aku sekarang, darurat",
            "log in here or lose your account: http://haven-login.example.com/verify",
            "my number is 0812 3456 7890",
            "an ordinary hello from Rudi",
        ];

        foreach (var text in texts)
        {
            try
            {
                await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), text));
            }
            catch (HubException)
            {
                // Refusals (blocked, are you sure?) are part of what is being logged.
            }
        }

        // The decisions were logged, by rule id and outcome only.
        Assert.Contains(logs.Lines, l => l.Contains("money-warn", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("phishing-block", StringComparison.Ordinal));
        foreach (var text in texts)
            foreach (var fragment in new[] { text, text[..12], "0812 3456 7890", "haven-login" })
                Assert.DoesNotContain(logs.Lines, l => l.Contains(fragment, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_invalid_policy_file_stops_start_up_with_the_reason()
    {
        var policy = Path.Combine(_directory, "policy.json");
        await File.WriteAllTextAsync(policy, """{ "rules": [ { "id": "x", "when": { "signals": ["no_such_signal"] }, "actions": ["block"] } ] }""");
        var settings = new Dictionary<string, string?>(_settings) { ["Haven:Safety:PolicyFile"] = policy };
        await using var app = HavenApp.Sqlite(_directory, settings);

        var error = Assert.ThrowsAny<Exception>(() => app.Start());

        Assert.Contains("no_such_signal", error.ToString(), StringComparison.Ordinal);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestTempDirectory.DeleteAsync(_directory);

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLogs sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                sink.Lines.Enqueue($"{category} {eventId.Id} {formatter(state, exception)} {values} {exception}");
            }
        }
    }
}
