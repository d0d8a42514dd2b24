using Haven.Server.Accounts;

namespace Haven.Server.Chat;

public static class ChatRegistration
{
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
        services.AddSignalR(o => o.MaximumReceiveMessageSize = 64 * 1024)
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
