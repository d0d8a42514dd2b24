using System.Text.Json;
using Haven.Safety.Conversation;
using Haven.Safety.Detection;
using Haven.Server.Cluster;
using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.MessageSafety;

/// <summary>
/// Each conversation's risk state, in the database so it survives restarts and is shared by nodes. A message
/// the tracker learns from (rare) reads the stored state, adds itself and writes it back, so members connected
/// to different nodes build one state. Clean messages (nearly all) only need to know which risks are already
/// established, and read that from memory: the cluster's <see cref="FactCache"/>, evicted on every node when
/// the state is written.
/// </summary>
public sealed class ConversationRiskStore(IDbContextFactory<HavenDbContext> contexts, FactCache facts, ConversationRiskTracker tracker, TimeProvider clock)
{
    /// <summary>
    /// The conversation's state: from memory, or as stored when <paramref name="stored"/> (for a message the
    /// tracker learns from). Callers lock it while they read or change it.
    /// </summary>
    public ValueTask<ConversationRiskState> GetAsync(Guid conversationId, bool stored, CancellationToken cancellationToken) =>
        stored
            ? new ValueTask<ConversationRiskState>(LoadAsync(conversationId, cancellationToken))
            : facts.GetOrLoadAsync(Key(conversationId), ct => LoadAsync(conversationId, ct), cancellationToken);

    private async Task<ConversationRiskState> LoadAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.ConversationRiskStates.AsNoTracking().Where(r => r.ConversationId == conversationId)
            .Select(r => r.State).FirstOrDefaultAsync(cancellationToken);
        return json is null
            ? new ConversationRiskState { ConversationId = conversationId.ToString() }
            : JsonSerializer.Deserialize<ConversationRiskState>(json)!;
    }

    /// <summary>
    /// Adds a message that was stored (or blocked) to the conversation's state. When it <paramref name="teaches"/>
    /// the tracker something (see <see cref="Teaches"/>) the stored state is updated; otherwise only the counters in memory move.
    /// </summary>
    public async Task RecordAsync(Guid conversationId, string author, ScanResult scan, bool teaches, CancellationToken cancellationToken)
    {
        var state = await GetAsync(conversationId, stored: teaches, cancellationToken);
        string json;
        lock (state)
        {
            tracker.Update(state, author, scan);
            if (!teaches)
                return;
            json = JsonSerializer.Serialize(state);
        }

        await SaveAsync(conversationId, json, cancellationToken);
        // Every node (this one too) reads the saved state back on its next message.
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

    /// <summary>
    /// Whether adding the message (<paramref name="after"/> is <paramref name="before"/> plus the message) changed
    /// anything the risks are judged from: the author's moves, stated ages or transcript score, or the risks.
    /// A spam verdict or a phone number alone teaches the tracker nothing and costs no database work.
    /// </summary>
    public static bool Teaches(ConversationRiskState before, ConversationRiskState after, string author)
    {
        if (before.Risks != after.Risks || before.MinorMentionedByOther != after.MinorMentionedByOther)
            return true;
        var was = before.Participants.Find(p => p.Author == author);
        var now = after.Participants.Find(p => p.Author == author);
        if (now is null)
            return false;
        return was is null
            ? now.Moves != RiskMoves.None || now.MinorAge != 0 || now.AdultAge != 0 || now.TranscriptScore != 0 || now.AgeProbeAt >= 0
            : was.Moves != now.Moves || was.MinorAge != now.MinorAge || was.AdultAge != now.AdultAge
                || was.TranscriptScore != now.TranscriptScore || was.AgeProbeAt != now.AgeProbeAt;
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
