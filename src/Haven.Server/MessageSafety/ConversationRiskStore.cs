using System.Text.Json;
using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.MessageSafety;

/// <summary>
/// Each conversation's risk state: in memory for the hot path (the cluster's <see cref="FactCache"/>, so a change
/// made on one node evicts the state on every node), in the database so it survives restarts and is shared by
/// nodes. The state is written (and evicted) only when a message carried something the tracker learns from;
/// clean messages only move counters in memory.
/// </summary>
public sealed class ConversationRiskStore(IDbContextFactory<HavenDbContext> contexts, FactCache facts, ConversationRiskTracker tracker, TimeProvider clock)
{
    /// <summary>The conversation's state; callers lock it while they read or change it.</summary>
    public ValueTask<ConversationRiskState> GetAsync(Guid conversationId, CancellationToken cancellationToken) =>
        facts.GetOrLoadAsync(Key(conversationId), async ct =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var json = await db.ConversationRiskStates.AsNoTracking().Where(r => r.ConversationId == conversationId)
                .Select(r => r.State).FirstOrDefaultAsync(ct);
            return json is null
                ? new ConversationRiskState { ConversationId = conversationId.ToString() }
                : JsonSerializer.Deserialize<ConversationRiskState>(json)!;
        }, cancellationToken);

    /// <summary>Adds a message that was stored (or blocked) to the conversation's state, persisting what matters.</summary>
    public async Task RecordAsync(Guid conversationId, string author, ScanResult scan, CancellationToken cancellationToken)
    {
        var state = await GetAsync(conversationId, cancellationToken);
        string json;
        lock (state)
        {
            tracker.Update(state, author, scan);
            if (ReferenceEquals(scan, ScanResult.Clean))
                return;
            json = JsonSerializer.Serialize(state);
        }

        await SaveAsync(conversationId, json, cancellationToken);
        // Other nodes (and this one, after a concurrent load) read the saved state back on their next message.
        facts.Evict(Key(conversationId));
    }

    private async Task SaveAsync(Guid conversationId, string json, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
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

    private static string Key(Guid conversationId) => $"safety-risk:{conversationId}";

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
}
