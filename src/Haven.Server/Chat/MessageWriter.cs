using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Haven.Server.Chat;

/// <summary>The stored form of a message as the writer reports it back.</summary>
public readonly record struct StoredMessage(long Id, Guid ConversationId, DateTimeOffset SentAt, bool Duplicate);

/// <summary>
/// Group commit for chat messages: senders enqueue into a bounded channel and one writer inserts
/// whatever has queued up in a single transaction, then completes each sender's task. The ack
/// therefore always follows a commit, the database sees one transaction per batch instead of one
/// per message, and memory is bounded by the channel: when it is full the sender is told to retry.
/// </summary>
public sealed partial class MessageWriter : BackgroundService
{
    private readonly Channel<PendingWrite> _queue;
    private readonly IDbContextFactory<HavenDbContext> _contexts;
    private readonly ChatMetrics _metrics;
    private readonly ILogger<MessageWriter> _logger;
    private readonly int _maxBatch;
    private MessageBatchInsert? _insert;

    public MessageWriter(IDbContextFactory<HavenDbContext> contexts, IOptions<ChatOptions> options, ChatMetrics metrics, ILogger<MessageWriter> logger)
    {
        _contexts = contexts;
        _metrics = metrics;
        _logger = logger;
        _maxBatch = options.Value.WriteBatchSize;
        _queue = Channel.CreateBounded<PendingWrite>(new BoundedChannelOptions(options.Value.WriteQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails instead of dropping anything
        });
        metrics.ObserveQueueDepth(() => _queue.Reader.Count);
    }

    /// <summary>Queues a message; false when the queue is full (the caller tells the client to retry).</summary>
    public bool TryEnqueue(Message message, out Task<StoredMessage> stored)
    {
        var pending = new PendingWrite(message, new TaskCompletionSource<StoredMessage>(TaskCreationOptions.RunContinuationsAsynchronously), Stopwatch.GetTimestamp());
        stored = pending.Completion.Task;
        return _queue.Writer.TryWrite(pending);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>(_maxBatch);
        var reader = _queue.Reader;
        // Drain what is queued even while stopping: every enqueued message was promised an answer.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var pending))
                batch.Add(pending);
            await WriteAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<PendingWrite> batch)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await using var db = _contexts.CreateDbContext();
            _insert ??= MessageBatchInsert.For(db);
            // The same message twice in one batch (a fast resend) must not fail the whole batch.
            var unique = new Dictionary<(Guid, Guid), PendingWrite>(batch.Count);
            var repeats = new List<PendingWrite>();
            foreach (var pending in batch)
                if (!unique.TryAdd((pending.Message.SenderId, pending.Message.ClientMessageId), pending))
                    repeats.Add(pending);

            try
            {
                await _insert.InsertAsync(db, [.. unique.Values.Select(p => p.Message)]);
                foreach (var pending in unique.Values)
                    Complete(pending, new StoredMessage(pending.Message.Id, pending.Message.ConversationId, pending.Message.SentAt, Duplicate: false));
            }
            catch (DbException)
            {
                // Usually a resend racing its original (another node, or a retry after a lost ack): nothing of
                // the batch was stored (all or none), so go one row at a time and only the duplicates are affected.
                foreach (var pending in unique.Values)
                    await WriteOneAsync(db, pending);
            }

            foreach (var repeat in repeats)
            {
                var original = await unique[(repeat.Message.SenderId, repeat.Message.ClientMessageId)].Completion.Task;
                Complete(repeat, original with { Duplicate = true });
            }

            _metrics.RecordBatch(batch.Count, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception exception)
        {
            // Whatever went wrong, every sender must get an answer; none is acknowledged.
            LogBatchFailed(_logger, batch.Count, exception);
            foreach (var pending in batch)
                pending.Completion.TrySetException(exception);
        }
    }

    private async Task WriteOneAsync(HavenDbContext db, PendingWrite pending)
    {
        var message = pending.Message;
        db.Messages.Add(message);
        try
        {
            await db.SaveChangesAsync();
            Complete(pending, new StoredMessage(message.Id, message.ConversationId, message.SentAt, Duplicate: false));
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            var existing = await db.Messages.AsNoTracking()
                .Where(m => m.SenderId == message.SenderId && m.ClientMessageId == message.ClientMessageId)
                .Select(m => new { m.Id, m.ConversationId, m.SentAt })
                .SingleOrDefaultAsync();
            if (existing is null)
                throw;
            Complete(pending, new StoredMessage(existing.Id, existing.ConversationId, existing.SentAt, Duplicate: true));
        }
    }

    private void Complete(PendingWrite pending, StoredMessage stored)
    {
        pending.Completion.TrySetResult(stored);
        _metrics.RecordCommitLatency(Stopwatch.GetElapsedTime(pending.EnqueuedAt));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing a batch of {Count} messages failed; senders will retry.")]
    private static partial void LogBatchFailed(ILogger logger, int count, Exception exception);

    private sealed record PendingWrite(Message Message, TaskCompletionSource<StoredMessage> Completion, long EnqueuedAt);
}
