using System.Net.Http.Json;
using Haven.Server.Chat;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Haven.Server.Tests.Chat;

/// <summary>
/// The message writer's queue is bounded (memory stays bounded under overload): a send that finds it full is
/// refused with a code the client retries on, and nothing that was acknowledged, or retried, is lost or doubled.
/// </summary>
public sealed class Write_queue_overload : IAsyncLifetime
{
    private const int Sends = 8;
    private string _directory = "";
    private HavenApp? _app;

    private HavenApp App => _app ?? throw new InvalidOperationException("Not started.");

    public Task InitializeAsync()
    {
        _directory = TestTempDirectory.Create("write-queue");
        _app = HavenApp.Sqlite(_directory, new Dictionary<string, string?> { ["Haven:Chat:WriteQueueCapacity"] = "1" }).Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        await TestTempDirectory.DeleteAsync(_directory);
    }

    [Fact]
    public async Task A_full_write_queue_tells_the_sender_to_retry_and_loses_nothing_it_acknowledged()
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        await using var hub = await App.ConnectHubAsync(ayu);
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), "before the stall"));

        var requests = Enumerable.Range(0, Sends).Select(i => new SendMessageRequest(conversationId, Guid.NewGuid(), $"message {i}")).ToList();
        List<Task<MessageAck>> sends;
        await using (var otherWriter = new SqliteConnection(App.ConnectionString + ";Pooling=False"))
        {
            // Another writer holds SQLite's write lock: the message writer's commit waits, so the queue (one place) fills.
            await otherWriter.OpenAsync();
            using var writeLock = otherWriter.BeginTransaction(deferred: false);

            sends = [.. requests.Select(r => hub.InvokeAsync<MessageAck>("SendMessage", r))];
            // At most two are taken (the batch waiting on the lock and the one queued place); the rest are answered at once.
            await Eventually.HoldsAsync(() => sends.Count(s => s.IsCompleted) >= Sends - 2, seconds: 30);
            Assert.All(sends.Where(s => s.IsCompleted), s => Assert.True(s.IsFaulted, "a message was acknowledged before it was committed"));
        }

        // Retry only once the taken sends are acknowledged: a retry racing them could find the one place still
        // occupied and be refused again, which is correct behaviour but not what this test is about.
        await Task.WhenAll(sends.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));

        var retried = new List<string>();
        for (var i = 0; i < Sends; i++)
        {
            try
            {
                var ack = await sends[i];
                Assert.False(ack.Duplicate);
            }
            catch (HubException refused)
            {
                HubErrors.AssertCode("Busy", refused);
                var again = await hub.InvokeAsync<MessageAck>("SendMessage", requests[i] with { Resend = true });
                Assert.False(again.Duplicate, "a refused message had been stored");
                retried.Add(requests[i].Text!);
            }
        }

        Assert.InRange(retried.Count, Sends - 2, Sends);
        Assert.Equal(1 + Sends, await App.CountMessagesAsync(conversationId));
        var history = await ayu.Http.GetFromJsonAsync<MessagePage>($"/api/conversations/{conversationId}/messages");
        string[] expected = ["before the stall", .. requests.Select(r => r.Text!)];
        Assert.Equal(expected.Order(StringComparer.Ordinal), history!.Items.Select(m => m.Text).Order(StringComparer.Ordinal));
    }
}
