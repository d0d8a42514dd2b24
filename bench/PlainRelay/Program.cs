using Haven.Bench.PlainRelay;

// The ceiling Haven's load benchmark measures against: one SignalR hub over MessagePack that
// relays to the peer and acknowledges the sender. No auth, no storage, no checks.
// With Relay:Store set to a SQLite file it also stores each message before it acks and relays (DurableLog):
// the floor of any durable path, so the benchmark can tell what storing alone costs on this machine.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var signalR = builder.Services.AddSignalR().AddMessagePackProtocol();
if (builder.Configuration["Relay:Store"] is { Length: > 0 } store)
{
    // As Haven's chat hub: with the ack waiting for a commit, one invocation at a time per connection would cap each
    // client at one message per commit. (Unlike Haven, the relay then does not keep a connection's sends in order.)
    signalR.AddHubOptions<RelayHub>(o => o.MaximumParallelInvocationsPerClient = 32);
    builder.Services.AddSingleton(new DurableLog(store));
    builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableLog>());
}

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapHub<RelayHub>(RelayHub.Path);
app.Run();
