using Haven.Server.Chat;
using Haven.Server.Contacts;

namespace Haven.Server.Age;

internal static class AgeRefusals
{
    public static readonly Refusal NotVerified = new(StatusCodes.Status403Forbidden, "AgeNotVerified",
        "Please confirm you are an adult before you message or connect with people.");
}

/// <summary>Unverified members may browse and edit their profile, but not message.</summary>
internal sealed class AgeMessageGate(IAgeStatus age) : IMessageGate
{
    public async ValueTask<Refusal?> CheckAsync(MessageGateContext context, CancellationToken cancellationToken) =>
        await age.IsVerifiedAsync(context.SenderId, cancellationToken) ? null : AgeRefusals.NotVerified;
}

/// <summary>Unverified members can neither ask to talk (a request carries a note) nor accept.</summary>
internal sealed class AgeContactGate(IAgeStatus age) : IContactGate
{
    public async ValueTask<Refusal?> CheckAsync(Guid memberId, ContactAction action, CancellationToken cancellationToken) =>
        await age.IsVerifiedAsync(memberId, cancellationToken) ? null : AgeRefusals.NotVerified;
}
