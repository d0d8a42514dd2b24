namespace Haven.Server.Contacts;

public static class ContactRules
{
    public const int MaxNoteLength = 300;
}
