using Microsoft.AspNetCore.Identity;

namespace Haven.Server.Accounts;

/// <summary>Endpoints the server-rendered UI posts forms to.</summary>
internal static class AccountPageEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signout", async (HttpContext http, SignInManager<Member> signIn, Security.SessionRegistry sessions) =>
        {
            // Signing out ends the server-side session too, so a copied cookie is worthless.
            if (Security.SessionClaims.SessionIdOf(http.User) is { } sessionId)
                await sessions.RevokeAsync(http.User.MemberId(), sessionId, http.RequestAborted);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/");
        }).RequireAuthorization(Policies.Member).ExcludeFromDescription();
    }
}
