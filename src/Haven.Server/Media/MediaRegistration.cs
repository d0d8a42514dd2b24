using Haven.Server.Audit;
using Haven.Server.Accounts;
using Microsoft.Extensions.Options;

namespace Haven.Server.Media;

public static class MediaRegistration
{
    /// <summary>Operators (who host Haven) load hash lists; members never can.</summary>
    public const string OperatorPolicy = "Operator";
    public const string OperatorRole = "Operator";

    public static IServiceCollection AddMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MediaOptions>().Bind(configuration.GetSection(MediaOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<MediaCipher>();
        services.AddSingleton<ImageSanitizer>();
        services.AddScoped<MediaService>();
        services.AddScoped<IMediaConsent, ConsentLevelMediaConsent>();
        services.AddHostedService<HashListLoader>();
        services.AddAuthorizationBuilder().AddPolicy(OperatorPolicy, p => p.RequireAuthenticatedUser().RequireRole(OperatorRole));
        return services;
    }

    public static IEndpointRouteBuilder MapMedia(this IEndpointRouteBuilder endpoints)
    {
        var conversations = endpoints.MapGroup("/api/conversations").WithTags("Media").RequireAuthorization(Policies.Member);
        conversations.MapPost("/{id:guid}/media", SendAsync)
            .Accepts<byte[]>("image/jpeg", "image/png", "image/webp", "application/octet-stream");
        conversations.MapGet("/{id:guid}/media", async Task<IResult> (Guid id, HttpContext http, MediaService media, CancellationToken ct) =>
        {
            var outcome = await media.ListAsync(http.User.MemberId(), id, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        });

        var images = endpoints.MapGroup("/api/media").WithTags("Media").RequireAuthorization(Policies.Member);
        images.MapGet("/{id:guid}", (Guid id, HttpContext http, MediaService media, CancellationToken ct) => ReadAsync(id, preview: false, http, media, ct));
        images.MapGet("/{id:guid}/preview", (Guid id, HttpContext http, MediaService media, CancellationToken ct) => ReadAsync(id, preview: true, http, media, ct));

        var admin = endpoints.MapGroup("/api/admin/media").WithTags("Media administration").RequireAuthorization(OperatorPolicy);
        admin.MapPost("/hash-lists/{list}", ImportAsync).Accepts<string>("text/plain");
        return endpoints;
    }

    private static async Task<IResult> SendAsync(Guid id, HttpContext http, MediaService media, IOptions<MediaOptions> options, CancellationToken ct)
    {
        var upload = await ReadBodyAsync(http.Request, options.Value.MaxUploadBytes, ct);
        if (upload is null)
            return new Refusal(StatusCodes.Status400BadRequest, "ImageTooBig", $"Images can be up to {options.Value.MaxUploadBytes / (1024 * 1024)} MB.").ToResult();
        var outcome = await media.SendAsync(http.User.MemberId(), id, upload, ct);
        return outcome.Refusal?.ToResult() ?? TypedResults.Created($"/api/media/{outcome.Value!.Id}", outcome.Value);
    }

    private static async Task<IResult> ReadAsync(Guid id, bool preview, HttpContext http, MediaService media, CancellationToken ct)
    {
        var outcome = await media.ReadAsync(http.User.MemberId(), id, preview, ct);
        if (outcome.Refusal is { } refusal)
            return refusal.ToResult();
        // Private images: never in a shared cache, never sniffed into something else.
        http.Response.Headers.CacheControl = "private, no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(outcome.Value!, "image/jpeg");
    }

    private static async Task<IResult> ImportAsync(string list, HttpRequest request, HttpContext http, MediaService media, CancellationToken ct)
    {
        if (!Enum.TryParse<HashListKind>(list, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            return new Refusal(StatusCodes.Status400BadRequest, "UnknownHashList", "The list is 'ChildSafety' or 'Ncii'.").ToResult();
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        var source = request.Query["source"].ToString();
        return TypedResults.Ok(await media.ImportAsync(kind, text.Split('\n'), source, AuditEvent.Member(http.User.MemberId()), ct));
    }

    /// <summary>The body, or null when it is larger than <paramref name="limit"/> (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
