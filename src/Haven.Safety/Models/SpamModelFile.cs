using System.IO.Compression;
using System.Text;

namespace Haven.Safety.Models;

/// <summary>
/// The on-disk form of a <see cref="SpamModel"/>: gzip over a small binary layout. Only non-zero
/// weights are stored (index deltas as 7-bit varints), which keeps hashed models small because most
/// buckets never saw a training feature.
/// </summary>
/// <remarks>
/// Layout: "HVSM", version, featurizer settings, dense feature count, head count; then per head: name,
/// licence, classes, benign class, biases, training fingerprints, and the non-zero rows of weights
/// (index delta, then one float per logit).
/// </remarks>
internal static class SpamModelFile
{
    private const uint Magic = 0x4D535648; // "HVSM" read as little-endian
    private const int Version = 1;
    private const int MaxClasses = SpamScore.MaxOutputs;
    private const int MaxFingerprints = 10_000_000;

    public sealed record HeadData(SpamModelHead Head, float[][] Weights, float[] Biases);

    public sealed record Contents(SpamFeaturizerSettings Settings, IReadOnlyList<HeadData> Heads);

    public static void Write(Stream stream, Contents contents)
    {
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        var s = contents.Settings;
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(s.HashBits);
        writer.Write(s.MinCharGram);
        writer.Write(s.MaxCharGram);
        writer.Write(s.WordBigrams);
        writer.Write(s.MaxChars);
        writer.Write(s.Seed);
        writer.Write(SpamDenseFeatures.Count);
        writer.Write(contents.Heads.Count);
        foreach (var (head, weights, biases) in contents.Heads)
        {
            writer.Write(head.Name);
            writer.Write(head.License);
            writer.Write(head.Classes.Count);
            foreach (var name in head.Classes)
                writer.Write(name);
            writer.Write(head.BenignClass);
            foreach (var bias in biases)
                writer.Write(bias);
            writer.Write(head.TrainingFingerprints.Count);
            foreach (var fingerprint in head.TrainingFingerprints)
                writer.Write(fingerprint);

            var nonZero = 0;
            for (var f = 0; f < s.Dimension; f++)
            {
                if (RowIsNonZero(weights, f))
                    nonZero++;
            }

            writer.Write(nonZero);
            var previous = -1;
            for (var f = 0; f < s.Dimension; f++)
            {
                if (!RowIsNonZero(weights, f))
                    continue;
                writer.Write7BitEncodedInt(f - previous);
                previous = f;
                foreach (var vector in weights)
                    writer.Write(vector[f]);
            }
        }
    }

    public static Contents Read(Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8, leaveOpen: true);
        try
        {
            if (reader.ReadUInt32() != Magic)
                throw new InvalidDataException("Not a Haven spam model file.");
            var version = reader.ReadInt32();
            if (version != Version)
                throw new InvalidDataException($"Unsupported spam model version {version}; this build reads version {Version}.");
            var settings = new SpamFeaturizerSettings(
                reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadBoolean(), reader.ReadInt32(), reader.ReadUInt32());
            settings.Validate();
            var denseCount = reader.ReadInt32();
            if (denseCount != SpamDenseFeatures.Count)
                throw new InvalidDataException($"The model expects {denseCount} dense features; this build has {SpamDenseFeatures.Count}.");
            var headCount = reader.ReadInt32();
            if (headCount is < 1 or > MaxClasses)
                throw new InvalidDataException($"Bad head count {headCount}.");

            var heads = new List<HeadData>(headCount);
            for (var h = 0; h < headCount; h++)
                heads.Add(ReadHead(reader, settings));
            return new Contents(settings, heads);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The spam model file is truncated.", e);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"The spam model file is inconsistent: {e.Message}", e);
        }
    }

    private static HeadData ReadHead(BinaryReader reader, SpamFeaturizerSettings settings)
    {
        var name = reader.ReadString();
        var license = reader.ReadString();
        var classCount = reader.ReadInt32();
        if (classCount is < 2 or > MaxClasses)
            throw new InvalidDataException($"Bad class count {classCount}.");
        var classes = new string[classCount];
        for (var i = 0; i < classCount; i++)
            classes[i] = reader.ReadString();
        var benign = reader.ReadInt32();
        var logits = classCount == 2 ? 1 : classCount;
        var biases = new float[logits];
        for (var l = 0; l < logits; l++)
            biases[l] = reader.ReadSingle();

        var fingerprintCount = reader.ReadInt32();
        if (fingerprintCount is < 0 or > MaxFingerprints)
            throw new InvalidDataException($"Bad fingerprint count {fingerprintCount}.");
        var fingerprints = new ulong[fingerprintCount];
        for (var i = 0; i < fingerprintCount; i++)
            fingerprints[i] = reader.ReadUInt64();

        var dimension = settings.Dimension;
        var weights = new float[logits][];
        for (var l = 0; l < logits; l++)
            weights[l] = new float[dimension];
        var nonZero = reader.ReadInt32();
        if (nonZero < 0 || nonZero > dimension)
            throw new InvalidDataException($"Bad weight count {nonZero}.");
        var index = -1;
        for (var i = 0; i < nonZero; i++)
        {
            index += reader.Read7BitEncodedInt();
            if (index < 0 || index >= dimension)
                throw new InvalidDataException($"Weight index {index} is outside the feature space.");
            for (var l = 0; l < logits; l++)
                weights[l][index] = reader.ReadSingle();
        }

        var head = new SpamModelHead(name, license, classes, benign, fingerprints);
        return new HeadData(head, weights, biases);
    }

    private static bool RowIsNonZero(float[][] weights, int feature)
    {
        foreach (var vector in weights)
        {
            if (vector[feature] != 0f)
                return true;
        }

        return false;
    }
}
