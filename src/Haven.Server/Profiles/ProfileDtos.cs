using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Profiles;

/// <summary>What other members see. No email, no account data.</summary>
public sealed record ProfileView(Guid Id, string Pseudonym, string Bio, IReadOnlyList<string> Languages, IReadOnlyList<string> Tags, ContactState Contact);

public sealed record ProfileUpdate(
    [property: MaxLength(ProfileRules.MaxBioLength)] string? Bio,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<string>? Tags,
    string? Culture);

public sealed record ProfilePage(IReadOnlyList<ProfileView> Items, int Page, int PageSize, int Total);

/// <summary>Where the viewer stands with this member.</summary>
public enum ContactState
{
    None,
    Self,
    RequestSent,
    RequestReceived,
    Connected,
}
