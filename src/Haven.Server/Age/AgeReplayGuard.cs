using Haven.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Age;

internal static class AgeReplayGuard
{
    /// <summary>True the first time a key is claimed; false for every later attempt, on any node.</summary>
    public static async Task<bool> TryClaimAsync(HavenDbContext db, string key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await db.AgeReplayKeys.AnyAsync(k => k.Key == key, cancellationToken))
            return false;
        var entry = db.AgeReplayKeys.Add(new AgeReplayKey { Key = key, SeenAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another request claimed it between the check and the insert: the unique key decided.
            entry.State = EntityState.Detached;
            return false;
        }
    }
}
