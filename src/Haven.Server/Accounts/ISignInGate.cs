namespace Haven.Server.Accounts;

/// <summary>
/// A reason a member may not sign in right now (a self-exclusion, a suspension). Checked on every
/// password, passkey or two-factor sign-in through <see cref="HavenSignInManager"/>.
/// </summary>
public interface ISignInGate
{
    ValueTask<bool> CanSignInAsync(Member member, CancellationToken cancellationToken);
}
