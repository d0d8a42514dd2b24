using Haven.Server.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Accounts;

public sealed record FieldError(string Field, string Code, string Message);

/// <summary>Creates member accounts; shared by the API and the sign-up page.</summary>
public sealed class MemberRegistration(UserManager<Member> users, HavenDbContext db, TimeProvider clock)
{
    public async Task<(Member? Member, IReadOnlyList<FieldError> Errors)> RegisterAsync(RegisterRequest request, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var pseudonymError = PseudonymRules.Validate(request.Pseudonym);
        if (pseudonymError is not null)
            errors.Add(new FieldError(nameof(request.Pseudonym), pseudonymError, PseudonymMessage(pseudonymError)));
        else
        {
            var normalized = PseudonymRules.Normalize(request.Pseudonym);
            if (await db.Users.AnyAsync(m => m.NormalizedPseudonym == normalized, cancellationToken))
                errors.Add(new FieldError(nameof(request.Pseudonym), "PseudonymTaken", "That pseudonym is taken. Please choose another."));
        }

        if (errors.Count > 0)
            return (null, errors);

        var member = new Member
        {
            UserName = request.Email.Trim(),
            Email = request.Email.Trim(),
            Pseudonym = request.Pseudonym.Trim(),
            NormalizedPseudonym = PseudonymRules.Normalize(request.Pseudonym),
            PreferredCulture = request.Culture is "id" ? "id" : "en",
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(member, request.Password);
        if (result.Succeeded)
            return (member, []);

        foreach (var error in result.Errors)
            errors.Add(new FieldError(FieldOf(error.Code), error.Code, error.Description));
        return (null, errors);
    }

    private static string FieldOf(string identityCode) => identityCode switch
    {
        _ when identityCode.StartsWith("Password", StringComparison.Ordinal) => nameof(RegisterRequest.Password),
        "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => nameof(RegisterRequest.Email),
        _ => "",
    };

    private static string PseudonymMessage(string code) => code switch
    {
        "PseudonymRequired" => "Please choose a pseudonym.",
        "PseudonymLength" => $"A pseudonym has {PseudonymRules.MinLength} to {PseudonymRules.MaxLength} characters.",
        "PseudonymCharacters" => "Use letters, numbers, spaces, dots, dashes or underscores, starting and ending with a letter or number.",
        "PseudonymContainsEmail" => "A pseudonym can't contain an email address.",
        "PseudonymContainsPhone" => "A pseudonym can't contain a phone number.",
        _ => "This pseudonym can't be used.",
    };
}
