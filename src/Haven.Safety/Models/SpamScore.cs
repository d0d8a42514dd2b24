using System.Runtime.CompilerServices;

namespace Haven.Safety.Models;

/// <summary>
/// Class probabilities for one message, for every head of the model that scored it. A value type with
/// inline storage, so scoring a message allocates nothing.
/// </summary>
public readonly struct SpamScore
{
    /// <summary>Most outputs (classes over all heads) a model may have.</summary>
    public const int MaxOutputs = 16;

    private readonly SpamModel? _model;
    private readonly Outputs _probabilities;

    internal SpamScore(SpamModel model, ReadOnlySpan<float> probabilities)
    {
        _model = model;
        Outputs buffer = default;
        probabilities.CopyTo(buffer);
        _probabilities = buffer;
    }

    public SpamModel Model => _model ?? throw new InvalidOperationException("This score is empty.");

    /// <summary>Number of outputs: the classes of every head, head after head.</summary>
    public int Count => _model?.OutputCount ?? 0;

    /// <summary>Probability of output <paramref name="output"/> (see <see cref="SpamModel.OutputOffset"/>).</summary>
    public float this[int output]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(output);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, Count);
            return _probabilities[output];
        }
    }

    /// <summary>The probability that the message is not harmless, by the most suspicious head (spam, fraud or promotion).</summary>
    public float NotBenign
    {
        get
        {
            var model = Model;
            var max = 0f;
            for (var h = 0; h < model.Heads.Count; h++)
                max = Math.Max(max, 1f - _probabilities[model.OutputOffset(h) + model.Heads[h].BenignClass]);
            return max;
        }
    }

    /// <summary>The highest probability any head gives to a class named <paramref name="className"/>, or 0 when no head has it.</summary>
    public float Probability(string className)
    {
        var model = Model;
        var max = 0f;
        for (var h = 0; h < model.Heads.Count; h++)
        {
            var index = model.Heads[h].IndexOf(className);
            if (index >= 0)
                max = Math.Max(max, _probabilities[model.OutputOffset(h) + index]);
        }

        return max;
    }

    /// <summary>The probability head <paramref name="head"/> gives to its class <paramref name="classIndex"/>.</summary>
    public float Probability(int head, int classIndex)
    {
        var model = Model;
        ArgumentOutOfRangeException.ThrowIfNegative(classIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(classIndex, model.Heads[head].Classes.Count);
        return _probabilities[model.OutputOffset(head) + classIndex];
    }

    /// <summary>The most probable class of head <paramref name="head"/>.</summary>
    public int PredictedClass(int head)
    {
        var model = Model;
        var offset = model.OutputOffset(head);
        var count = model.Heads[head].Classes.Count;
        var best = 0;
        for (var i = 1; i < count; i++)
        {
            if (_probabilities[offset + i] > _probabilities[offset + best])
                best = i;
        }

        return best;
    }

    [InlineArray(MaxOutputs)]
    private struct Outputs
    {
        private float _element;
    }
}
