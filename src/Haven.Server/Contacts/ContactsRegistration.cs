using Haven.Server.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Haven.Server.Contacts;

public static class ContactsRegistration
{
    public static IServiceCollection AddContacts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContactsOptions>().Bind(configuration.GetSection(ContactsOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<ContactService>();
        return services;
    }

    public static IEndpointRouteBuilder MapContacts(this IEndpointRouteBuilder endpoints)
    {
        var requests = endpoints.MapGroup("/api/contacts/requests").WithTags("Contacts").RequireAuthorization(Policies.Member);
        requests.MapPost("/", async Task<IResult> (SendContactRequest body, HttpContext http, ContactService contacts, CancellationToken ct) =>
        {
            var outcome = await contacts.SendAsync(http.User.MemberId(), body, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        });
        requests.MapGet("/incoming", async (HttpContext http, ContactService contacts, CancellationToken ct) =>
            TypedResults.Ok(await contacts.IncomingAsync(http.User.MemberId(), ct)));
        requests.MapGet("/outgoing", async (HttpContext http, ContactService contacts, CancellationToken ct) =>
            TypedResults.Ok(await contacts.OutgoingAsync(http.User.MemberId(), ct)));
        requests.MapPost("/{id:guid}/accept", async Task<IResult> (Guid id, HttpContext http, ContactService contacts, CancellationToken ct) =>
        {
            var outcome = await contacts.AcceptAsync(http.User.MemberId(), id, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        });
        requests.MapPost("/{id:guid}/decline", async Task<IResult> (Guid id, HttpContext http, ContactService contacts, CancellationToken ct) =>
            (await contacts.DeclineAsync(http.User.MemberId(), id, ct))?.ToResult() ?? TypedResults.NoContent());

        var blocks = endpoints.MapGroup("/api/contacts/blocks").WithTags("Contacts").RequireAuthorization(Policies.Member);
        blocks.MapGet("/", async (HttpContext http, ContactService contacts, CancellationToken ct) =>
            TypedResults.Ok(await contacts.BlockedAsync(http.User.MemberId(), ct)));
        blocks.MapPost("/", async Task<IResult> (BlockRequest body, HttpContext http, ContactService contacts, CancellationToken ct) =>
            (await contacts.BlockAsync(http.User.MemberId(), body.MemberId, ct))?.ToResult() ?? TypedResults.NoContent());
        blocks.MapDelete("/{memberId:guid}", async Task<IResult> (Guid memberId, HttpContext http, ContactService contacts, CancellationToken ct) =>
            (await contacts.UnblockAsync(http.User.MemberId(), memberId, ct))?.ToResult() ?? TypedResults.NoContent());
        return endpoints;
    }
}
