using System.Security.Cryptography;
using Haven.Server.Chat;
using Microsoft.Extensions.Options;

namespace Haven.Server.Media;

/// <summary>
/// AES-256-GCM for image bytes at rest, with its own key. The media id and conversation id are
/// associated data, so ciphertext copied onto another row does not decrypt.
/// Layout: version (1) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class MediaCipher
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;
    private readonly byte[] _key;

    public MediaCipher(IOptions<MediaOptions> options, IHostEnvironment environment)
    {
        _key = MessageCipher.LoadOrCreateKey(new EncryptionOptions { MessageKey = options.Value.MediaKey, KeyFile = options.Value.KeyFile }, environment.ContentRootPath);
        if (_key.Length != 32)
            throw new InvalidOperationException("Haven:Media:MediaKey must be 32 bytes (base64).");
    }

    public byte[] Encrypt(ReadOnlySpan<byte> plain, Guid mediaId, Guid conversationId)
    {
        var output = new byte[HeaderSize + plain.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), Aad(mediaId, conversationId));
        return output;
    }

    public byte[] Decrypt(byte[] body, Guid mediaId, Guid conversationId)
    {
        if (body.Length < HeaderSize || body[0] != Version)
            throw new CryptographicException("Unknown media format.");
        var plain = new byte[body.Length - HeaderSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(body.AsSpan(1, NonceSize), body.AsSpan(HeaderSize), body.AsSpan(1 + NonceSize, TagSize), plain, Aad(mediaId, conversationId));
        return plain;
    }

    private static byte[] Aad(Guid mediaId, Guid conversationId)
    {
        var aad = new byte[32];
        mediaId.TryWriteBytes(aad);
        conversationId.TryWriteBytes(aad.AsSpan(16));
        return aad;
    }
}
