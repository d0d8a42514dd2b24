namespace Haven.Server.Chat;

public sealed class EncryptionOptions
{
    public const string Section = "Haven:Encryption";

    /// <summary>
    /// Base64 of a 32-byte key for message bodies at rest. Every node must share it. When absent,
    /// a key is generated on first run into <see cref="KeyFile"/> (single-node and development use).
    /// </summary>
    public string? MessageKey { get; set; }

    public string KeyFile { get; set; } = "data/keys/message.key";
}
