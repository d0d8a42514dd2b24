using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Chat;

/// <summary>
/// A client may send several messages without waiting for each ack (<see cref="ChatRegistration.ParallelSendsPerConnection"/>),
/// and the steps before storage (gates, a cache miss) take different times, so a later message could overtake an
/// earlier one. SignalR dispatches a connection's invocations one after another in arrival order, and this filter
/// runs first: each send takes its turn there, before anything can wait, and is then queued for storage, and later
/// delivered, only after the send before it. Message ids (the order every reader sees) and live delivery therefore
/// follow the order the member sent in, so a client that catches up "since the last id it saw" never skips one.
/// </summary>
internal sealed class SendOrder : IHubFilter
{
    private static readonly object LineKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (invocationContext.Hub is not ChatHub || invocationContext.HubMethodName != nameof(ChatHub.SendMessage))
            return await next(invocationContext);

        var items = invocationContext.Context.Items;
        if (!items.TryGetValue(LineKey, out var value) || value is not Line line)
            items[LineKey] = line = new Line();
        var turn = invocationContext.ServiceProvider.GetRequiredService<SendTurn>();
        line.Join(turn);
        try
        {
            return await next(invocationContext);
        }
        finally
        {
            // Refused, failed or done: the next send must never wait on this one forever.
            turn.Queued();
            turn.Delivered();
        }
    }

    /// <summary>The last send of one connection; only the dispatch loop touches it, one invocation at a time.</summary>
    private sealed class Line
    {
        private SendTurn? _last;

        public void Join(SendTurn turn)
        {
            turn.Follow(_last);
            _last = turn;
        }
    }
}

/// <summary>One send's place in its connection's line (scoped to the hub invocation); a send outside the hub has no predecessor.</summary>
public sealed class SendTurn
{
    private readonly TaskCompletionSource _queued = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _delivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the previous send was queued for storage (or ended without being stored).</summary>
    public Task PreviousQueued { get; private set; } = Task.CompletedTask;

    /// <summary>Completes once the previous send was delivered to live connections (or ended without it).</summary>
    public Task PreviousDelivered { get; private set; } = Task.CompletedTask;

    internal void Follow(SendTurn? previous)
    {
        if (previous is null)
            return;
        PreviousQueued = previous._queued.Task;
        PreviousDelivered = previous._delivered.Task;
    }

    public void Queued() => _queued.TrySetResult();

    public void Delivered() => _delivered.TrySetResult();
}
