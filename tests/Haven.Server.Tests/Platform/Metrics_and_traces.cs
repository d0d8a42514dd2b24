using System.Collections.Concurrent;
using System.Diagnostics;
using Haven.Server.Chat;
using Haven.Testing.Server;
using Microsoft.AspNetCore.SignalR.Client;

namespace Haven.Server.Tests.Platform;

/// <summary>Operators see the message path through Prometheus and traces, and neither carries what members wrote.</summary>
public sealed class Metrics_and_traces(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private HavenApp App => fixture.App;

    [Fact]
    public async Task Prometheus_scrape_shows_the_message_path_and_never_message_text()
    {
        var text = "metrics are not for reading " + HavenApp.RandomLetters(8);
        await using (var hub = await SendAsync(text))
        {
            // Each metric the issue names: messages, scan (gate) time, queue depth, batch size, ack latency, connections.
            string[] names =
            [
                "haven_chat_messages_total", "haven_chat_gate_duration_milliseconds_bucket", "haven_chat_write_queue_depth",
                "haven_chat_write_batch_size_bucket", "haven_chat_ack_duration_milliseconds_bucket", "haven_chat_commit_duration_milliseconds_bucket",
                "haven_chat_connections",
            ];
            using var scraper = App.NewClient();
            var scrape = "";
            var deadline = DateTime.UtcNow.AddSeconds(30);
            // The exporter caches a scrape briefly, so the first one may predate the message.
            while (!names.All(n => scrape.Contains(n, StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline, "Missing from /metrics: " + string.Join(", ", names.Where(n => !scrape.Contains(n, StringComparison.Ordinal))));
                await Task.Delay(200);
                scrape = await scraper.GetStringAsync("/metrics");
            }

            Assert.DoesNotContain(text, scrape, StringComparison.Ordinal);
            Assert.DoesNotContain("metrics are not for reading", scrape, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_send_is_traced_without_its_text()
    {
        var text = "traces are not for reading " + HavenApp.RandomLetters(8);
        var sends = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ChatMetrics.MeterName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "chat.send")
                    sends.Enqueue(activity);
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var hub = await SendAsync(text);

        Assert.NotEmpty(sends);
        Assert.All(sends, activity =>
        {
            Assert.True(activity.Duration > TimeSpan.Zero);
            Assert.DoesNotContain(activity.TagObjects, tag => tag.Value?.ToString()?.Contains("not for reading", StringComparison.Ordinal) == true);
        });
    }

    private async Task<HubConnection> SendAsync(string text)
    {
        var ayu = await App.RegisterAsync();
        var ben = await App.RegisterAsync();
        var conversationId = await HavenApp.ConnectAsync(ayu, ben);
        var hub = await App.ConnectHubAsync(ayu);
        await hub.InvokeAsync<MessageAck>("SendMessage", new SendMessageRequest(conversationId, Guid.NewGuid(), text));
        return hub;
    }
}
