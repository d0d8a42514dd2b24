using System.Net.Http.Json;

namespace Haven.Testing.Server;

/// <summary>
/// Haven.Server as a separate OS process (so it can be killed with -9), configured like a
/// production node: PostgreSQL, Redis, a shared message key, no demo data.
/// </summary>
public sealed class HavenNode : IAsyncDisposable
{
    private readonly BackgroundProcess _process;

    private HavenNode(BackgroundProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    public static async Task<HavenNode> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings)
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var serverDll = Path.Combine(AppContext.BaseDirectory, "Haven.Server.dll");
        var process = BackgroundProcess.Start("dotnet", [serverDll, "--urls", $"http://127.0.0.1:{port}"], new ProcessRunOptions
        {
            Environment = environment,
            WorkingDirectory = AppContext.BaseDirectory,
        });
        var node = new HavenNode(process, port);
        await node.WaitUntilReadyAsync();
        return node;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Haven node on port {Port} exited: {_process.Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow start on a busy machine
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Haven node on port {Port} did not become ready: {_process.Output}");
    }

    /// <summary>kill -9: no shutdown hooks, no draining; whatever was not committed is gone.</summary>
    public void Kill() => _process.Kill();

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    /// <summary>Registers a member on this node and returns a bearer token.</summary>
    public async Task<(Guid Id, string Token)> RegisterAsync(string pseudonym)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress };
        var email = $"{pseudonym.ToLowerInvariant()}@example.test";
        const string password = "correct horse battery staple";
        var register = await http.PostAsJsonAsync("/api/accounts/register", new { email, password, pseudonym });
        register.EnsureSuccessStatusCode();
        var member = await register.Content.ReadFromJsonAsync<MemberSummaryDto>();
        var login = await http.PostAsJsonAsync("/api/accounts/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = await login.Content.ReadFromJsonAsync<TokenDto>();
        return (member!.Id, token!.AccessToken);
    }
}
