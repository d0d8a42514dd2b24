using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Haven.Server.Accounts;

/// <summary>
/// NIST SP 800-63B: no composition rules, but reject passwords that are known to be common or
/// breached, and ones built from the account's own identifiers.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<Member>
{
    public const int MaxLength = 128;

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadList);

    public static int ListSize => CommonPasswords.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<Member> manager, Member user, string? password)
    {
        if (string.IsNullOrEmpty(password))
            return Task.FromResult(IdentityResult.Success); // the length rule reports this
        if (password.Length > MaxLength)
            return Failed("PasswordTooLong", $"Passwords can be up to {MaxLength} characters.");
        if (IsCommon(password))
            return Failed("PasswordCommon", "This password is too common or has appeared in data breaches. Please choose another.");
        if (ContainsIdentifier(password, user.Pseudonym) || ContainsIdentifier(password, user.Email?.Split('@')[0]))
            return Failed("PasswordContainsIdentifier", "Please don't use your pseudonym or email in your password.");
        return Task.FromResult(IdentityResult.Success);
    }

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim().ToLowerInvariant());

    private static bool ContainsIdentifier(string password, string? identifier) =>
        identifier is { Length: >= 4 } && password.Contains(identifier, StringComparison.OrdinalIgnoreCase);

    private static Task<IdentityResult> Failed(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static FrozenSet<string> LoadList()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Haven.Server.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0)
                set.Add(line.ToLowerInvariant());
        // Words anyone would try first against an account here.
        foreach (var extra in (string[])["haven", "haven123", "havenchat", "password1", "iloveyou1", "sayangku", "bismillah", "indonesia", "rahasia", "qwerty123"])
            set.Add(extra);
        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
