namespace Haven.Server.Chat;

/// <summary>Events the server pushes to hub clients.</summary>
public interface IChatClient
{
    Task MessageReceived(MessageView message);
    Task Typing(TypingNotice notice);
    Task Read(ReadReceipt receipt);

    /// <summary>Live delivery may have missed messages: fetch history after the last id seen.</summary>
    Task Resync();
}
