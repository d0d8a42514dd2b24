using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Haven.Server.Chat;

/// <summary>
/// Encrypts message bodies at rest with AES-256-GCM. The conversation id is bound as associated
/// data, so a ciphertext moved to another conversation fails to decrypt.
/// Layout: version (1) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class MessageCipher
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;
    private readonly byte[] _key;

    public MessageCipher(IOptions<EncryptionOptions> options, IHostEnvironment environment)
        : this(LoadOrCreateKey(options.Value, environment.ContentRootPath))
    {
    }

    public MessageCipher(byte[] key)
    {
        if (key.Length != 32)
            throw new ArgumentException("The message key must be 32 bytes.", nameof(key));
        _key = key;
    }

    public byte[] Encrypt(string text, Guid conversationId)
    {
        var plain = Encoding.UTF8.GetBytes(text);
        var output = new byte[HeaderSize + plain.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        Span<byte> aad = stackalloc byte[16];
        conversationId.TryWriteBytes(aad);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), aad);
        return output;
    }

    public string Decrypt(byte[] body, Guid conversationId)
    {
        if (body.Length < HeaderSize || body[0] != Version)
            throw new CryptographicException("Unknown message body format.");
        Span<byte> plain = body.Length - HeaderSize <= 1024 ? stackalloc byte[body.Length - HeaderSize] : new byte[body.Length - HeaderSize];
        Span<byte> aad = stackalloc byte[16];
        conversationId.TryWriteBytes(aad);
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(body.AsSpan(1, NonceSize), body.AsSpan(HeaderSize), body.AsSpan(1 + NonceSize, TagSize), plain, aad);
        return Encoding.UTF8.GetString(plain);
    }

    internal static byte[] LoadOrCreateKey(EncryptionOptions options, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(options.MessageKey))
            return Convert.FromBase64String(options.MessageKey);

        var path = Path.IsPathRooted(options.KeyFile) ? options.KeyFile : Path.Combine(contentRoot, options.KeyFile);
        if (File.Exists(path))
            return Convert.FromBase64String(File.ReadAllText(path).Trim());

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        // CreateNew: if another process won the race, use its key instead of overwriting it.
        try
        {
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var stream = new FileStream(path, fileOptions);
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key)));
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
    }
}
