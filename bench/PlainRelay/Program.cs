using Haven.Bench.PlainRelay;

// The ceiling Haven's load benchmark measures against: one SignalR hub over MessagePack that
// relays to the peer and acknowledges the sender. No auth, no storage, no checks.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR().AddMessagePackProtocol();

var app = builder.Build();
app.MapGet("/health", () => "ok");
app.MapHub<RelayHub>(RelayHub.Path);
app.Run();
