using Haven.Safety.Policy;
using Microsoft.Extensions.Options;

namespace Haven.Server.MessageSafety;

/// <summary>How the inline safety check runs (section <c>Haven:Safety</c>).</summary>
public sealed class MessageSafetyOptions
{
    public const string Section = "Haven:Safety";

    /// <summary>A policy JSON file (see docs/safety-policy.md); the shipped default policy when empty.</summary>
    public string? PolicyFile { get; set; }

    /// <summary>The operator's own hosts: links to them are never phishing.</summary>
    public List<string> TrustedHosts { get; set; } = [];

    public SafetyPolicy LoadPolicy() =>
        string.IsNullOrWhiteSpace(PolicyFile) ? SafetyPolicy.Default : SafetyPolicy.Parse(File.ReadAllText(PolicyFile));
}

/// <summary>Refuses to start with a policy file that is missing or invalid, naming the reason.</summary>
internal sealed class PolicyFileValidation : IValidateOptions<MessageSafetyOptions>
{
    public ValidateOptionsResult Validate(string? name, MessageSafetyOptions options)
    {
        try
        {
            options.LoadPolicy();
            return ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return ValidateOptionsResult.Fail($"{Section}:PolicyFile '{options.PolicyFile}' cannot be used: {e.Message}");
        }
    }

    private const string Section = MessageSafetyOptions.Section;
}
