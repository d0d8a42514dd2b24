using Haven.Server.Accounts;
using Microsoft.AspNetCore.SignalR;

namespace Haven.Server.Chat;

public static class ChatRegistration
{
    /// <summary>
    /// Sends a client may have in flight on one connection. The ack waits for the database commit; with one at a
    /// time, each client could send only one message per commit however fast the server is.
    /// </summary>
    public const int ParallelSendsPerConnection = 32;

    /// <summary>Call before the other features that add hub filters: <see cref="SendOrder"/> must run first.</summary>
    public static IServiceCollection AddChat(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ChatOptions>().Bind(configuration.GetSection(ChatOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EncryptionOptions>().Bind(configuration.GetSection(EncryptionOptions.Section));
        services.AddSingleton<MessageCipher>();
        services.AddSingleton<MessageRateLimiter>();
        services.AddSingleton<ChatMetrics>();
        services.AddSingleton<MessageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageWriter>());
        services.AddScoped<ChatService>();
        services.AddScoped<SendTurn>();
        services.AddSignalR(o =>
            {
                o.MaximumReceiveMessageSize = 64 * 1024;
                o.AddFilter<SendOrder>();
            })
            .AddHubOptions<ChatHub>(o => o.MaximumParallelInvocationsPerClient = ParallelSendsPerConnection)
            .AddMessagePackProtocol();
        return services;
    }

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<ChatHub>(ChatHub.Path);

        var group = endpoints.MapGroup("/api/conversations").WithTags("Chat").RequireAuthorization(Policies.Member);
        group.MapGet("/", async (HttpContext http, ChatService chat, CancellationToken ct) =>
            TypedResults.Ok(await chat.ConversationsAsync(http.User.MemberId(), ct)));
        group.MapGet("/{id:guid}/messages", async Task<IResult> (Guid id, long? before, long? after, int? limit, HttpContext http, ChatService chat, CancellationToken ct) =>
        {
            var outcome = await chat.HistoryAsync(http.User.MemberId(), id, before, after, limit, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        });
        return endpoints;
    }
}
