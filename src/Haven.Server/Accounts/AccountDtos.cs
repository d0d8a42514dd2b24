using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Accounts;

public sealed record RegisterRequest(
    [property: Required, EmailAddress, MaxLength(254)] string Email,
    [property: Required, MaxLength(CommonPasswordValidator.MaxLength)] string Password,
    [property: Required] string Pseudonym,
    string? Culture = null);

public sealed record SignInRequest(
    [property: Required, MaxLength(254)] string Email,
    [property: Required, MaxLength(CommonPasswordValidator.MaxLength)] string Password,
    [property: MaxLength(12)] string? TwoFactorCode = null,
    [property: MaxLength(32)] string? TwoFactorRecoveryCode = null);

public sealed record RefreshRequest([property: Required] string RefreshToken);

public sealed record MemberSummary(Guid Id, string Pseudonym, string Culture);
