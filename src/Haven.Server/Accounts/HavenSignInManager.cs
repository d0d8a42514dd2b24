using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Haven.Server.Accounts;

/// <summary>Identity's sign-in manager, asking every registered <see cref="ISignInGate"/> as well.</summary>
public sealed class HavenSignInManager(
    UserManager<Member> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Member> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Member>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Member> confirmation,
    IEnumerable<ISignInGate> gates)
    : SignInManager<Member>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(Member user)
    {
        if (!await base.CanSignInAsync(user))
            return false;
        var cancellationToken = Context.RequestAborted;
        foreach (var gate in gates)
            if (!await gate.CanSignInAsync(user, cancellationToken))
                return false;
        return true;
    }
}
