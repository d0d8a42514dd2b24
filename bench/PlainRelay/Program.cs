using Haven.Bench.PlainRelay;

// The ceiling Haven's load benchmark measures against: one SignalR hub over MessagePack that
// relays to the peer and acknowledges the sender. No auth, no storage, no checks.
// With Relay:Store (a SQLite file) or Relay:Postgres (a connection string) it also stores each message before it acks
// and relays (DurableLog): the floor of any durable path, so the benchmark can tell what storing alone costs here.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
var signalR = builder.Services.AddSignalR().AddMessagePackProtocol();
IBatchStore? store = builder.Configuration["Relay:Postgres"] is { Length: > 0 } postgres ? new PostgresBatchStore(postgres)
    : builder.Configuration["Relay:Store"] is { Length: > 0 } file ? new SqliteBatchStore(file)
    : null;
if (store is not null)
{
    // As Haven's chat hub: with the ack waiting for a commit, one invocation at a time per connection would cap each
    // client at one message per commit. (Unlike Haven, the relay then does not keep a connection's sends in order.)
    signalR.AddHubOptions<RelayHub>(o => o.MaximumParallelInvocationsPerClient = 32);
    builder.Services.AddSingleton<IBatchStore>(_ => store); // created by a factory, so the container disposes it
    builder.Services.AddSingleton<DurableLog>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<DurableLog>());
}

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapHub<RelayHub>(RelayHub.Path);
app.Run();
