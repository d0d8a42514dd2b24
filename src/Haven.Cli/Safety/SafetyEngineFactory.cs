using Haven.Safety;
using Haven.Safety.Models;

namespace Haven.Cli.Safety;

/// <summary>The engine the CLI uses: default options plus the shipped spam model when it loads.</summary>
internal static class SafetyEngineFactory
{
    public static SafetyEngine Create()
    {
        SpamModel? model;
        try
        {
            model = SpamModel.LoadDefault();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException)
        {
            // The engine works without a model; spam signals are simply absent.
            model = null;
        }

        return new SafetyEngine(new SafetyEngineOptions { SpamModel = model });
    }
}
