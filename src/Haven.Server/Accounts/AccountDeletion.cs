using Haven.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Accounts;

/// <summary>
/// Something a feature holds about a member that must go when they delete their account. Each feature
/// erases its own data and keeps what the law requires (e.g. moderation evidence on legal hold).
/// </summary>
public interface IAccountErasure
{
    Task EraseAsync(Guid memberId, CancellationToken cancellationToken);
}

/// <summary>A member deletes their own account: personal data and the messages they sent are erased.</summary>
internal static class AccountDeletion
{
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapDelete("/api/account", async Task<IResult> (HttpContext http, HavenDbContext db, UserManager<Member> users,
                IEnumerable<IAccountErasure> erasures, CancellationToken ct) =>
            {
                var member = await users.FindByIdAsync(http.User.MemberId().ToString());
                if (member is null)
                    return Refusal.NotFound("This account no longer exists.").ToResult();
                foreach (var erasure in erasures)
                    await erasure.EraseAsync(member.Id, ct);
                await db.Messages.Where(m => m.SenderId == member.Id).ExecuteDeleteAsync(ct);
                await db.MediaItems.Where(m => m.SenderId == member.Id).ExecuteDeleteAsync(ct);
                var deleted = await users.DeleteAsync(member);
                return deleted.Succeeded
                    ? TypedResults.NoContent()
                    : new Refusal(StatusCodes.Status409Conflict, "DeleteFailed", "The account could not be deleted just now. Please try again.").ToResult();
            })
            .WithTags("Accounts").RequireAuthorization(Policies.Member);
}
