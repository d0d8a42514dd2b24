using Xunit;

namespace Haven.Testing;

/// <summary>Waits for an asynchronous outcome (delivery across connections or processes), bounded so a bug fails rather than hangs.</summary>
public static class Eventually
{
    /// <param name="then">Run between checks while the condition does not hold yet (e.g. a client catching up).</param>
    public static Task HoldsAsync(Func<bool> condition, Func<Task>? then = null, int seconds = 60) =>
        HoldsAsync(() => Task.FromResult(condition()), then, seconds);

    /// <summary>The same for a condition that has to ask something, e.g. an HTTP endpoint.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, Func<Task>? then = null, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The expected state was not reached within {seconds} s.");
            if (then is not null)
                await then();
            await Task.Delay(50);
        }
    }
}
