using Haven.Safety;
using Haven.Safety.Conversation;
using Haven.Safety.Models;
using Haven.Safety.Policy;
using Haven.Server.Accounts;
using Haven.Server.Chat;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Haven.Server.MessageSafety;

public static class MessageSafetyRegistration
{
    /// <summary>Register after the consent gate: consent's "Are you sure?" comes first, then safety.</summary>
    public static IServiceCollection AddMessageSafety(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MessageSafetyOptions>().Bind(configuration.GetSection(MessageSafetyOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<MessageSafetyOptions>, PolicyFileValidation>();
        services.AddSingleton(sp => new SafetyEngine(new SafetyEngineOptions
        {
            SpamModel = SpamModel.LoadDefault(),
            TrustedHosts = sp.GetRequiredService<IOptions<MessageSafetyOptions>>().Value.TrustedHosts,
        }));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MessageSafetyOptions>>().Value.LoadPolicy());
        services.AddSingleton(sp => new PolicyEngine(sp.GetRequiredService<SafetyPolicy>()));
        services.AddSingleton<ConversationRiskTracker>();
        services.AddSingleton<ConversationRiskStore>();
        services.TryAddScoped<IPriorStrikes, NoPriorStrikes>();
        services.AddScoped<PolicyContextSource>();
        services.AddScoped<HeldMessages>();
        services.AddSingleton<SenderWarnings>();
        services.AddSingleton<PolicyReach>();
        services.AddScoped<IMessageGate, SafetyMessageGate>();
        return services;
    }

    public static IEndpointRouteBuilder MapMessageSafety(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/moderation").WithTags("Message safety").RequireAuthorization(Policies.Moderator);
        group.MapGet("/conversations/{id:guid}/held", async (Guid id, HeldMessages held, CancellationToken ct) =>
            TypedResults.Ok(await held.ListAsync(id, ct)));
        group.MapPost("/messages/{id:long}/release", async Task<IResult> (long id, HttpContext http, HeldMessages held, CancellationToken ct) =>
        {
            var outcome = await held.ReleaseAsync(http.User.MemberId(), id, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        });
        group.MapPost("/messages/{id:long}/reject", async Task<IResult> (long id, HttpContext http, HeldMessages held, CancellationToken ct) =>
            (await held.RejectAsync(http.User.MemberId(), id, ct))?.ToResult() ?? TypedResults.NoContent());
        return endpoints;
    }
}
