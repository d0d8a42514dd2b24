using System.Text.RegularExpressions;

namespace Haven.Server.Accounts;

/// <summary>
/// A pseudonym is how others know a member. It must not leak contact details, because
/// contact outside Haven bypasses consent and safety checks.
/// </summary>
public static partial class PseudonymRules
{
    public const int MinLength = 3;
    public const int MaxLength = 32;

    /// <summary>Returns an error code (see <c>Strings</c>) or null when the pseudonym is acceptable.</summary>
    public static string? Validate(string? pseudonym)
    {
        if (string.IsNullOrWhiteSpace(pseudonym))
            return "PseudonymRequired";
        var trimmed = pseudonym.Trim();
        if (trimmed.Length is < MinLength or > MaxLength)
            return "PseudonymLength";
        if (!AllowedCharacters().IsMatch(trimmed))
            return "PseudonymCharacters";
        if (EmailLike().IsMatch(trimmed))
            return "PseudonymContainsEmail";
        if (CountDigits(trimmed) >= 7)
            return "PseudonymContainsPhone";
        return null;
    }

    public static string Normalize(string pseudonym) => pseudonym.Trim().ToUpperInvariant();

    private static int CountDigits(string value)
    {
        var digits = 0;
        foreach (var c in value)
            if (char.IsDigit(c))
                digits++;
        return digits;
    }

    [GeneratedRegex(@"^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}_.\- ]*[\p{L}\p{M}\p{N}]$")]
    private static partial Regex AllowedCharacters();

    // '@' is not allowed at all, so what remains is a mail address spelled out: a provider with its
    // domain ("bob.gmail.com", "bob gmail co id") or "at" plus a domain ("bob at yahoo dot com").
    // Provider names alone stay allowed: "Olive" and "Clive" are names, not addresses.
    [GeneratedRegex(@"(gmail|yahoo|hotmail|outlook|icloud|protonmail|proton|ymail|live)[ ._\-]*(dot[ ._\-]*)?(com|co[ ._\-]*id|net|me)\b|\bat[ ._\-]+\w+[ ._\-]*(dot[ ._\-]*)?(com|net|org|id)\b|\.(com|net|org)$", RegexOptions.IgnoreCase)]
    private static partial Regex EmailLike();
}
