namespace Haven.Safety.Media;

/// <summary>
/// Meta's PDQ perceptual hash (ThreatExchange pdq/cpp): luminance, two passes of a Jarosz
/// box filter sized for 64x64, decimation to 64x64, the 16x16 low-frequency block of a 2D DCT
/// (DC excluded), one bit per coefficient above the median. Quality is the image-domain gradient
/// sum of the 64x64 downsample, so flat or tiny images score low and are not matched.
/// </summary>
public static class PdqHasher
{
    private const int Downsampled = 64;
    private const int Dct = 16;
    private const int MinimumDimension = 5;
    private const int JaroszPasses = 2;

    private static readonly float[] DctMatrix = CreateDctMatrix();

    /// <summary>Hashes 8-bit RGBA pixels (row-major, 4 bytes a pixel; alpha is ignored as in the reference).</summary>
    public static PdqResult FromRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length < (long)width * height * 4)
            throw new ArgumentException("The pixel buffer is smaller than width x height x 4.", nameof(rgba));
        var luma = new float[width * height];
        for (int i = 0, p = 0; i < luma.Length; i++, p += 4)
            luma[i] = 0.299f * rgba[p] + 0.587f * rgba[p + 1] + 0.114f * rgba[p + 2];
        return FromLuma(luma, width, height);
    }

    /// <summary>Hashes a luminance plane (row-major, 0–255). The buffer is used as scratch and overwritten.</summary>
    public static PdqResult FromLuma(float[] luma, int width, int height)
    {
        if (luma.Length < width * height)
            throw new ArgumentException("The luminance buffer is smaller than width x height.", nameof(luma));
        if (width < MinimumDimension || height < MinimumDimension)
            return new PdqResult(default, 0);

        var scratch = new float[width * height];
        var windowAlongRows = JaroszWindow(width);
        var windowAlongColumns = JaroszWindow(height);
        for (var pass = 0; pass < JaroszPasses; pass++)
        {
            for (var row = 0; row < height; row++)
                Box(luma, scratch, row * width, width, 1, windowAlongRows);
            for (var column = 0; column < width; column++)
                Box(scratch, luma, column, height, width, windowAlongColumns);
        }

        var small = new float[Downsampled * Downsampled];
        for (var i = 0; i < Downsampled; i++)
        {
            var sourceRow = (int)((i + 0.5) * height / Downsampled);
            for (var j = 0; j < Downsampled; j++)
            {
                var sourceColumn = (int)((j + 0.5) * width / Downsampled);
                small[i * Downsampled + j] = luma[sourceRow * width + sourceColumn];
            }
        }

        var quality = Quality(small);
        var coefficients = Dct16(small);
        var sorted = (float[])coefficients.Clone();
        Array.Sort(sorted);
        // The reference's Torben median returns the lower middle element of an even count.
        var median = sorted[(sorted.Length - 1) / 2];
        Span<bool> bits = stackalloc bool[PdqHash.Bits];
        for (var k = 0; k < PdqHash.Bits; k++)
            bits[k] = coefficients[k] > median;
        return new PdqResult(PdqHash.FromBits(bits), quality);
    }

    private static int JaroszWindow(int dimension) => (dimension + 2 * Downsampled - 1) / (2 * Downsampled);

    /// <summary>A moving average whose window shrinks at both ends, exactly as the reference's box1DFloat.</summary>
    private static void Box(float[] input, float[] output, int start, int length, int stride, int window)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = length - window;
        var phase4 = half - 1;
        int left = start, right = start, write = start, count = 0;
        var sum = 0f;
        for (var i = 0; i < phase1; i++, right += stride, count++)
            sum += input[right];
        for (var i = 0; i < phase2; i++, right += stride, write += stride)
        {
            sum += input[right];
            count++;
            output[write] = sum / count;
        }

        for (var i = 0; i < phase3; i++, left += stride, right += stride, write += stride)
        {
            sum += input[right];
            sum -= input[left];
            output[write] = sum / count;
        }

        for (var i = 0; i < phase4; i++, left += stride, write += stride)
        {
            sum -= input[left];
            count--;
            output[write] = sum / count;
        }
    }

    private static int Quality(float[] small)
    {
        var gradientSum = 0;
        for (var i = 0; i < Downsampled - 1; i++)
            for (var j = 0; j < Downsampled; j++)
                gradientSum += Math.Abs((int)((small[i * Downsampled + j] - small[(i + 1) * Downsampled + j]) * 100 / 255));
        for (var i = 0; i < Downsampled; i++)
            for (var j = 0; j < Downsampled - 1; j++)
                gradientSum += Math.Abs((int)((small[i * Downsampled + j] - small[i * Downsampled + j + 1]) * 100 / 255));
        return Math.Min(100, gradientSum / 90);
    }

    /// <summary>B = D·A·Dᵀ for the 16x64 matrix D of DCT-II rows 1..16.</summary>
    private static float[] Dct16(float[] a)
    {
        var t = new float[Dct * Downsampled];
        for (var i = 0; i < Dct; i++)
            for (var j = 0; j < Downsampled; j++)
            {
                var sum = 0f;
                for (var k = 0; k < Downsampled; k++)
                    sum += DctMatrix[i * Downsampled + k] * a[k * Downsampled + j];
                t[i * Downsampled + j] = sum;
            }

        var b = new float[Dct * Dct];
        for (var i = 0; i < Dct; i++)
            for (var j = 0; j < Dct; j++)
            {
                var sum = 0f;
                for (var k = 0; k < Downsampled; k++)
                    sum += t[i * Downsampled + k] * DctMatrix[j * Downsampled + k];
                b[i * Dct + j] = sum;
            }

        return b;
    }

    private static float[] CreateDctMatrix()
    {
        var matrix = new float[Dct * Downsampled];
        var scale = Math.Sqrt(2.0 / Downsampled);
        for (var i = 0; i < Dct; i++)
            for (var j = 0; j < Downsampled; j++)
                matrix[i * Downsampled + j] = (float)(scale * Math.Cos(Math.PI / 2 / Downsampled * (i + 1) * (2 * j + 1)));
        return matrix;
    }
}
