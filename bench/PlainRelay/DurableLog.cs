using System.Threading.Channels;

namespace Haven.Bench.PlainRelay;

/// <summary>
/// The least a relay must do to never lose an acknowledged message: senders queue into a bounded channel, one writer
/// stores whatever has queued up in one transaction (<see cref="IBatchStore"/>: SQLite or PostgreSQL, durable commits),
/// and each sender's ack waits for its commit. Nothing else of Haven's path: no auth, no checks, no encryption.
/// </summary>
public sealed class DurableLog(IBatchStore store) : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly Channel<PendingMessage> _queue =
        Channel.CreateBounded<PendingMessage>(new BoundedChannelOptions(10_000) { SingleReader = true });

    public Task AppendAsync(string sender, RelayMessage message)
    {
        var pending = new PendingMessage(sender, message, DateTimeOffset.UtcNow, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new InvalidOperationException("Busy: the write queue is full.");
        return pending.Stored.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.OpenAsync(stoppingToken);
        var batch = new List<PendingMessage>(MaxBatch);
        // Drain what is queued even while stopping: every queued message was promised an answer.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
                batch.Add(item);
            try
            {
                await store.InsertAsync(batch);
                foreach (var pending in batch)
                    pending.Stored.TrySetResult();
            }
            catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException)
            {
                foreach (var pending in batch)
                    pending.Stored.TrySetException(exception);
            }

            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }
}

/// <summary>A message waiting for its batch's commit.</summary>
public sealed record PendingMessage(string Sender, RelayMessage Message, DateTimeOffset SentAt, TaskCompletionSource Stored);

/// <summary>Stores a batch of messages in one durable transaction, all or none.</summary>
public interface IBatchStore : IAsyncDisposable
{
    Task OpenAsync(CancellationToken cancellationToken);

    Task InsertAsync(IReadOnlyList<PendingMessage> batch);
}
