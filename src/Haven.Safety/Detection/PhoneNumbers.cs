using PhoneNumbers;

namespace Haven.Safety.Detection;

/// <summary>
/// Decides whether a digit string can be a phone number, using libphonenumber's length rules for the
/// regions Haven serves first (Indonesia, then the US and the UK). Called only for digit runs of 7-15
/// digits, so its allocations stay off the common path.
/// </summary>
internal static class PhoneNumbers
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static bool IsPossible(ReadOnlySpan<char> digits, bool international)
    {
        if (digits.Length is < 7 or > 15)
            return false;
        var text = new string(digits);
        if (international || (text.StartsWith("62", StringComparison.Ordinal) && text.Length >= 10))
            return Check("+" + text, null);
        if (text[0] == '0')
            return Check(text, "ID") || Check(text, "GB");
        return Check(text, "US");
    }

    private static bool Check(string number, string? region)
    {
        try
        {
            var parsed = Util.Parse(number, region);
            var reason = Util.IsPossibleNumberWithReason(parsed);
            return reason is PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }
}
