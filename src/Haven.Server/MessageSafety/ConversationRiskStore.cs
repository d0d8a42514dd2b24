using System.Text.Json;
using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Haven.Server.MessageSafety;

/// <summary>
/// Each conversation's risk state: in memory (bounded) for the hot path, in the database so it survives
/// restarts. A conversation's state is read once per cache lifetime and written only when a message
/// carried something the tracker learns from; clean messages only move counters in memory.
/// </summary>
public sealed class ConversationRiskStore : IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromHours(2);
    private readonly MemoryCache _cache;
    private readonly IDbContextFactory<HavenDbContext> _contexts;
    private readonly ConversationRiskTracker _tracker;
    private readonly TimeProvider _clock;

    public ConversationRiskStore(IDbContextFactory<HavenDbContext> contexts, ConversationRiskTracker tracker, TimeProvider clock, IOptions<MessageSafetyOptions> options)
    {
        _contexts = contexts;
        _tracker = tracker;
        _clock = clock;
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.RiskStateCacheSize });
    }

    /// <summary>The conversation's state; callers lock it while they read or change it.</summary>
    public async ValueTask<ConversationRiskState> GetAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(conversationId, out ConversationRiskState? cached))
            return cached!;
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.ConversationRiskStates.AsNoTracking().Where(r => r.ConversationId == conversationId)
            .Select(r => r.State).FirstOrDefaultAsync(cancellationToken);
        var loaded = json is null
            ? new ConversationRiskState { ConversationId = conversationId.ToString() }
            : JsonSerializer.Deserialize<ConversationRiskState>(json)!;
        // Two first messages racing: both must update the same instance.
        return _cache.GetOrCreate(conversationId, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = Idle;
            return loaded;
        })!;
    }

    /// <summary>Adds a message that was stored (or blocked) to the conversation's state, persisting what matters.</summary>
    public async Task RecordAsync(Guid conversationId, string author, ScanResult scan, CancellationToken cancellationToken)
    {
        var state = await GetAsync(conversationId, cancellationToken);
        string json;
        lock (state)
        {
            _tracker.Update(state, author, scan);
            if (ReferenceEquals(scan, ScanResult.Clean))
                return;
            json = JsonSerializer.Serialize(state);
        }

        await using var db = await _contexts.CreateDbContextAsync(cancellationToken);
        var now = _clock.GetUtcNow();
        if (await db.ConversationRiskStates.Where(r => r.ConversationId == conversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, json).SetProperty(r => r.UpdatedAt, now), cancellationToken) > 0)
            return;
        db.ConversationRiskStates.Add(new ConversationRiskRecord { ConversationId = conversationId, State = json, UpdatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node or message inserted the row first: it is there now, so update it.
            await db.ConversationRiskStates.Where(r => r.ConversationId == conversationId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, json).SetProperty(r => r.UpdatedAt, now), cancellationToken);
        }
    }

    /// <summary>Forgets cached states (for tests of what survives a restart).</summary>
    public void Clear() => _cache.Clear();

    /// <summary>A copy to try a message on without changing the conversation's state.</summary>
    public static ConversationRiskState Copy(ConversationRiskState state) => new()
    {
        ConversationId = state.ConversationId,
        MessageCount = state.MessageCount,
        Risks = state.Risks,
        MinorMentionedByOther = state.MinorMentionedByOther,
        Participants = [.. state.Participants.Select(p => new ParticipantRisk
        {
            Author = p.Author, Moves = p.Moves, Messages = p.Messages, LastMessage = p.LastMessage, MinorAge = p.MinorAge,
            AdultAge = p.AdultAge, AgeProbeAt = p.AgeProbeAt, TranscriptScore = p.TranscriptScore,
        })],
    };

    public void Dispose() => _cache.Dispose();
}
