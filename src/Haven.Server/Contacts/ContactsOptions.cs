using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Contacts;

public sealed class ContactsOptions
{
    public const string Section = "Haven:Contacts";

    /// <summary>How many contact requests a member may send in any 24 hours; slows down mass outreach.</summary>
    [Range(1, 1000)]
    public int MaxRequestsPerDay { get; set; } = 20;
}
