using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Haven.Server.Tests.Media;

/// <summary>Real image files built byte by byte, so each test knows exactly what an upload carries.</summary>
internal static class TestImages
{
    /// <summary>A colourful JPEG (a camera photo stand-in) of the given size.</summary>
    public static byte[] Jpeg(int width = 320, int height = 240)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [SKColors.OrangeRed, SKColors.Teal, SKColors.Gold], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width = 64, int height = 64)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SlateBlue);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>
    /// The JPEG with an EXIF APP1 segment right after SOI whose GPS IFD says 6°10'S 106°49'E
    /// (Jakarta), plus bytes appended after the end-of-image marker.
    /// </summary>
    public static byte[] JpegWithGpsAndTrailer(byte[] jpeg, string trailer)
    {
        var exif = ExifWithGps();
        var segment = new byte[4 + exif.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(exif.Length + 2));
        exif.CopyTo(segment, 4);
        return [.. jpeg[..2], .. segment, .. jpeg[2..], .. Encoding.ASCII.GetBytes(trailer)];
    }

    /// <summary>"Exif\0\0" + a little-endian TIFF: IFD0 pointing at a GPS IFD with latitude and longitude.</summary>
    private static byte[] ExifWithGps()
    {
        var tiff = new byte[8 + 2 + 12 + 4 + 2 + 4 * 12 + 4 + 6 * 8];
        var t = tiff.AsSpan();
        "II"u8.CopyTo(t);
        BinaryPrimitives.WriteUInt16LittleEndian(t[2..], 42);
        BinaryPrimitives.WriteUInt32LittleEndian(t[4..], 8);
        // IFD0: one entry, GPSInfo (0x8825) -> offset of the GPS IFD.
        const int gpsIfd = 8 + 2 + 12 + 4;
        BinaryPrimitives.WriteUInt16LittleEndian(t[8..], 1);
        Entry(t[10..], 0x8825, 4, 1, gpsIfd);
        BinaryPrimitives.WriteUInt32LittleEndian(t[22..], 0);
        // GPS IFD: four entries, then the six rationals they point at.
        const int rationals = gpsIfd + 2 + 4 * 12 + 4;
        BinaryPrimitives.WriteUInt16LittleEndian(t[gpsIfd..], 4);
        Entry(t[(gpsIfd + 2)..], 0x0001, 2, 2, 'S');
        Entry(t[(gpsIfd + 14)..], 0x0002, 5, 3, rationals);
        Entry(t[(gpsIfd + 26)..], 0x0003, 2, 2, 'E');
        Entry(t[(gpsIfd + 38)..], 0x0004, 5, 3, rationals + 24);
        BinaryPrimitives.WriteUInt32LittleEndian(t[(gpsIfd + 50)..], 0);
        uint[] values = [6, 1, 10, 1, 0, 1, 106, 1, 49, 1, 0, 1];
        for (var i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt32LittleEndian(t[(rationals + 4 * i)..], values[i]);
        return [.. "Exif\0\0"u8, .. tiff];
    }

    private static void Entry(Span<byte> at, ushort tag, ushort type, uint count, int valueOrOffset)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, tag);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], type);
        BinaryPrimitives.WriteUInt32LittleEndian(at[4..], count);
        BinaryPrimitives.WriteUInt32LittleEndian(at[8..], (uint)valueOrOffset);
    }

    /// <summary>Rewrites the frame header (SOF0/SOF2) to declare other dimensions: a tiny file claiming a huge image.</summary>
    public static byte[] WithDeclaredSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i < copy.Length - 9; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 7), (ushort)width);
                return copy;
            }
        }

        throw new InvalidOperationException("No frame header found.");
    }

    public static bool ContainsSequence(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>True when the JPEG has any APP1 (EXIF/XMP) segment before its image data.</summary>
    public static bool HasApp1(byte[] jpeg)
    {
        var i = 2;
        while (i + 4 <= jpeg.Length && jpeg[i] == 0xFF)
        {
            var marker = jpeg[i + 1];
            if (marker == 0xDA)
                return false; // start of scan: metadata segments are all before this
            if (marker == 0xE1)
                return true;
            i += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
        }

        return false;
    }
}
