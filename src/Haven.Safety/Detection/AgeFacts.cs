using Haven.Safety.Text;

namespace Haven.Safety.Detection;

/// <summary>Ages and school years a message states, read once per message by <see cref="AgeReader"/>.</summary>
internal readonly record struct AgeFacts(
    int MinorSelf,
    int MinorOther,
    int AdultSelf,
    int BareTeen,
    bool SchoolMinor,
    TextSpan Evidence)
{
    public bool AnyMinor => MinorSelf > 0 || MinorOther > 0 || SchoolMinor;
}
