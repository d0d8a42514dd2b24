using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Haven.Server.Chat;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Haven.Testing.Server;

/// <summary>
/// A chat client that behaves like a good production client: it reconnects automatically,
/// resends unacknowledged messages with the same client message id until acknowledged, and
/// catches up from history (after the last id it saw) on reconnect and when told to resync.
/// </summary>
public sealed class ResilientChatClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly HttpClient _http;
    private readonly Guid _conversationId;
    private readonly ConcurrentDictionary<long, MessageView> _received = new();
    private readonly SemaphoreSlim _catchUp = new(1, 1);

    /// <summary>
    /// Everything up to this id is known: only catch-ups move it. Not the newest id seen live, because a message
    /// missed while reconnecting can be followed by a newer one that arrives live, and catching up after that one
    /// would skip the gap for good.
    /// </summary>
    private long _caughtUpTo;

    public ResilientChatClient(Uri baseAddress, string token, Guid conversationId, HubProtocol protocol = HubProtocol.MessagePack)
    {
        _conversationId = conversationId;
        _http = new HttpClient { BaseAddress = baseAddress };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, "/hubs/chat"), HttpTransportType.WebSockets, o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.SkipNegotiation = true;
            })
            .WithAutomaticReconnect(new RetryForever());
        if (protocol == HubProtocol.MessagePack)
            builder.AddMessagePackProtocol();
        _hub = builder.Build();
        _hub.On<MessageView>(nameof(IChatClient.MessageReceived), m =>
        {
            if (m.ConversationId == _conversationId)
                _received.TryAdd(m.Id, m);
        });
        _hub.On(nameof(IChatClient.Resync), () => _ = CatchUpAsync());
        _hub.Reconnected += _ => CatchUpAsync();
    }

    public HubConnectionState State => _hub.State;

    /// <summary>Messages seen (live or caught up), each once, in server order.</summary>
    public IReadOnlyList<MessageView> Received => _received.Values.OrderBy(m => m.Id).ToList();

    public Task StartAsync() => _hub.StartAsync();

    /// <summary>Sends one message and returns only when the server acknowledged it (retrying across failures).</summary>
    public async Task<MessageAck> SendAsync(string text, TimeSpan? giveUpAfter = null)
    {
        var request = new SendMessageRequest(_conversationId, Guid.CreateVersion7(), text);
        var deadline = DateTime.UtcNow + (giveUpAfter ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            try
            {
                if (_hub.State == HubConnectionState.Connected)
                    return await _hub.InvokeAsync<MessageAck>("SendMessage", request);
            }
            catch (Exception exception) when (DateTime.UtcNow < deadline && exception is not OperationCanceledException)
            {
                // Lost connection or a retryable server answer: same id again, the server dedupes.
                request = request with { Resend = true };
            }

            if (DateTime.UtcNow >= deadline)
                throw new TimeoutException($"No acknowledgement for '{text}' (state {_hub.State}).");
            await Task.Delay(100);
        }
    }

    /// <summary>Fetches every message after the last one a catch-up already fetched.</summary>
    public async Task CatchUpAsync()
    {
        await _catchUp.WaitAsync();
        try
        {
            var after = _caughtUpTo;
            while (true)
            {
                MessagePage? page;
                try
                {
                    page = await _http.GetFromJsonAsync<MessagePage>($"/api/conversations/{_conversationId}/messages?after={after}&limit=100");
                }
                catch (HttpRequestException)
                {
                    return; // the next reconnect or resync tries again
                }

                foreach (var message in page!.Items)
                {
                    _received.TryAdd(message.Id, message);
                    after = Math.Max(after, message.Id);
                }

                _caughtUpTo = after;
                if (!page.HasMore)
                    return;
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        _http.Dispose();
        _catchUp.Dispose();
    }

    private sealed class RetryForever : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            TimeSpan.FromMilliseconds(Math.Min(1000, 100 * (retryContext.PreviousRetryCount + 1)));
    }
}
