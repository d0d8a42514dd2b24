using Microsoft.AspNetCore.Identity;

namespace Haven.Server.Accounts;

/// <summary>Endpoints the server-rendered UI posts forms to.</summary>
internal static class AccountPageEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/signout", async (SignInManager<Member> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/");
        }).RequireAuthorization(Policies.Member).ExcludeFromDescription();
    }
}
