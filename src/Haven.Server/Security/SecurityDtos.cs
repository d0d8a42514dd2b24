using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Security;

public sealed record SessionView(Guid Id, string Device, string Method, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Current);

public sealed record NoticeView(long Id, SecurityNoticeKind Kind, string Device, DateTimeOffset CreatedAt, bool Seen);

public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

public sealed record TwoFactorCodeRequest([property: Required, MaxLength(12)] string Code);

public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft, int Passkeys);

public sealed record PasskeyCredentialRequest([property: Required, MaxLength(16_384)] string CredentialJson, [property: MaxLength(60)] string? Name = null);

public sealed record PasskeyView(string Id, string Name, DateTimeOffset CreatedAt);

public sealed record PasskeyOptionsRequest([property: MaxLength(254)] string? Email = null);

public sealed record ForgotPasswordRequest([property: Required, MaxLength(254)] string Email);

public sealed record ResetPasswordRequest(
    [property: Required, MaxLength(254)] string Email,
    [property: Required, MaxLength(2048)] string Token,
    [property: Required, MaxLength(Accounts.CommonPasswordValidator.MaxLength)] string NewPassword);
