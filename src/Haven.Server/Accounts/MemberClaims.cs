using System.Security.Claims;

namespace Haven.Server.Accounts;

public static class MemberClaims
{
    /// <summary>The signed-in member's id. Only call where authorization already required a member.</summary>
    public static Guid MemberId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : throw new InvalidOperationException("The principal is not a signed-in member.");
}
