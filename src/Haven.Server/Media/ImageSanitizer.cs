using Haven.Safety.Media;
using Microsoft.Extensions.Options;
using SkiaSharp;

namespace Haven.Server.Media;

/// <summary>A decoded, re-encoded upload: nothing of the original file survives but its pixels.</summary>
public sealed record SanitizedImage(byte[] Jpeg, byte[] Preview, int Width, int Height, PdqResult Pdq);

/// <summary>
/// Turns untrusted upload bytes into a fresh JPEG. The type comes from the file's magic bytes
/// (never its name or declared content type), the declared dimensions are checked before any
/// pixel is decoded (decompression bombs), and re-encoding drops EXIF/GPS, ICC, comments and
/// anything appended after the image.
/// </summary>
public sealed class ImageSanitizer(IOptions<MediaOptions> options)
{
    private const int PreviewWidth = 24;

    public Outcome<SanitizedImage> Sanitize(ReadOnlySpan<byte> upload)
    {
        var limits = options.Value;
        if (upload.Length == 0)
            return Invalid("ImageEmpty", "The image is empty.");
        if (upload.Length > limits.MaxUploadBytes)
            return Invalid("ImageTooBig", $"Images can be up to {limits.MaxUploadBytes / (1024 * 1024)} MB.");
        if (Sniff(upload) is not { } format)
            return Invalid("ImageTypeNotAllowed", "Only JPEG, PNG and WebP images can be sent.");

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != format)
            return Invalid("ImageUnreadable", "This image could not be read.");

        var declared = codec.Info;
        if (declared.Width <= 0 || declared.Height <= 0 || declared.Width > limits.MaxDimension || declared.Height > limits.MaxDimension
            || (long)declared.Width * declared.Height > limits.MaxPixels)
            return Invalid("ImageDimensionsTooLarge", $"Images can be up to {limits.MaxPixels / 1_000_000} megapixels.");

        using var decoded = new SKBitmap(declared.WithColorType(SKColorType.Rgba8888).WithAlphaType(SKAlphaType.Unpremul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            return Invalid("ImageUnreadable", "This image could not be read.");

        using var upright = Orient(decoded, codec.EncodedOrigin);
        using var stored = FitWithin(upright, limits.StoredMaxDimension);
        using var opaque = OnWhite(stored);
        var pdq = PdqHasher.FromRgba(opaque.GetPixelSpan(), opaque.Width, opaque.Height);
        var jpeg = Encode(opaque, limits.JpegQuality);
        using var tiny = opaque.Resize(new SKImageInfo(PreviewWidth, Math.Max(1, opaque.Height * PreviewWidth / opaque.Width), SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var preview = Encode(tiny, 60);
        return new SanitizedImage(jpeg, preview, opaque.Width, opaque.Height, pdq);
    }

    /// <summary>The format from the first bytes; a PNG named .jpg is a PNG, a script named .png is nothing.</summary>
    internal static SKEncodedImageFormat? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes is [0xFF, 0xD8, 0xFF, ..])
            return SKEncodedImageFormat.Jpeg;
        if (bytes is [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..])
            return SKEncodedImageFormat.Png;
        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
            return SKEncodedImageFormat.Webp;
        return null;
    }

    /// <summary>Applies the EXIF orientation now, because the EXIF block that carried it is dropped.</summary>
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0)
            return source.Copy();
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (source.Height, source.Width) : (source.Width, source.Height);
        var target = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(target);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return target;
    }

    private static SKBitmap FitWithin(SKBitmap source, int maxSide)
    {
        var longer = Math.Max(source.Width, source.Height);
        if (longer <= maxSide)
            return source.Copy();
        var scale = (double)maxSide / longer;
        var info = new SKImageInfo(Math.Max(1, (int)(source.Width * scale)), Math.Max(1, (int)(source.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return source.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    /// <summary>JPEG has no transparency: composite onto white so transparent areas do not turn black.</summary>
    private static SKBitmap OnWhite(SKBitmap source)
    {
        var target = new SKBitmap(new SKImageInfo(source.Width, source.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White);
        canvas.DrawBitmap(source, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return target;
    }

    private static byte[] Encode(SKBitmap bitmap, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return encoded.ToArray();
    }

    private static Refusal Invalid(string code, string message) => new(StatusCodes.Status400BadRequest, code, message);
}
