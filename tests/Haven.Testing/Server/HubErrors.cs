using Xunit;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Testing.Server;

public static class HubErrors
{
    /// <summary>
    /// The client sees "An unexpected error occurred invoking 'X' on the server. HubException: Code: message";
    /// the code after "HubException: " is Haven's stable error code.
    /// </summary>
    public static void AssertCode(string code, HubException error)
    {
        const string marker = "HubException: ";
        var index = error.Message.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"not a Haven hub error: {error.Message}");
        Assert.StartsWith(code + ":", error.Message[(index + marker.Length)..], StringComparison.Ordinal);
    }
}
