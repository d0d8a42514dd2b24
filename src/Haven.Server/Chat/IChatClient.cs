namespace Haven.Server.Chat;

/// <summary>Events the server pushes to hub clients.</summary>
public interface IChatClient
{
    Task MessageReceived(MessageView message);
    Task Typing(TypingNotice notice);
    Task Read(ReadReceipt receipt);

    /// <summary>An image was sent (see Media/); <c>Blurred</c> is already decided for this recipient.</summary>
    Task MediaReceived(Haven.Server.Media.MediaView media);

    /// <summary>A conversation partner came online or went offline (see Presence/).</summary>
    Task PresenceChanged(Haven.Server.Presence.PresenceNotice notice);

    /// <summary>Live delivery may have missed messages: fetch history after the last id seen.</summary>
    Task Resync();
}
