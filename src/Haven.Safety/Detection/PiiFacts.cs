using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>Personal data found in a message; each field is the original-text span of the first one found.</summary>
internal readonly record struct PiiFacts(
    TextSpan? Phone,
    TextSpan? Email,
    TextSpan? BankAccount,
    TextSpan? IdNumber,
    TextSpan? Address,
    TextSpan? Location,
    TextSpan? Handle)
{
    public bool Any => Phone is not null || Email is not null || BankAccount is not null || IdNumber is not null
        || Address is not null || Location is not null;

    public bool Contact => Phone is not null || Email is not null;
}
