using Xunit;
using System.Threading.Channels;
using Haven.Server.Chat;
using Microsoft.AspNetCore.SignalR.Client;

namespace Haven.Testing.Server;

/// <summary>Collects what the server pushes to one hub connection, so tests can wait for it.</summary>
public sealed class HubInbox
{
    private readonly Channel<MessageView> _messages = Channel.CreateUnbounded<MessageView>();
    private readonly Channel<TypingNotice> _typing = Channel.CreateUnbounded<TypingNotice>();
    private readonly Channel<ReadReceipt> _reads = Channel.CreateUnbounded<ReadReceipt>();

    public HubInbox(HubConnection connection)
    {
        connection.On<MessageView>(nameof(IChatClient.MessageReceived), m => _messages.Writer.TryWrite(m));
        connection.On<TypingNotice>(nameof(IChatClient.Typing), t => _typing.Writer.TryWrite(t));
        connection.On<ReadReceipt>(nameof(IChatClient.Read), r => _reads.Writer.TryWrite(r));
    }

    public Task<MessageView> NextMessageAsync() => ReadAsync(_messages);
    public Task<TypingNotice> NextTypingAsync() => ReadAsync(_typing);
    public Task<ReadReceipt> NextReadAsync() => ReadAsync(_reads);

    /// <summary>True if a message arrives within a short grace period (for "must not arrive" checks).</summary>
    public async Task<bool> AnyMessageWithinAsync(TimeSpan grace)
    {
        using var cts = new CancellationTokenSource(grace);
        try
        {
            await _messages.Reader.WaitToReadAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<T> ReadAsync<T>(Channel<T> channel)
    {
        // Generous: this bounds a hang, it is not a performance assertion.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await channel.Reader.ReadAsync(cts.Token);
    }
}
