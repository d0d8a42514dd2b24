using Haven.Server.Accounts;

namespace Haven.Server.Age;

internal static class AgeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var member = endpoints.MapGroup("/api/age").WithTags("Age").RequireAuthorization(Policies.Member);
        member.MapGet("/", async (HttpContext http, AgeStatusService status, CancellationToken ct) =>
            TypedResults.Ok(await status.StatusAsync(http.User.MemberId(), ct)));
        member.MapGet("/methods", (IEnumerable<IAgeVerifier> verifiers, Microsoft.Extensions.Options.IOptions<AgeOptions> options) =>
            TypedResults.Ok(verifiers.Where(v => v.IsAvailable)
                .Select(v => new AgeMethodView(v.Method, v.Method == AgeMethod.Provider ? options.Value.Provider.Name : null)).ToList()));
        member.MapPost("/checks/{method}", async Task<IResult> (string method, HttpContext http, IEnumerable<IAgeVerifier> verifiers, CancellationToken ct) =>
        {
            var known = Enum.TryParse<AgeMethod>(method, ignoreCase: true, out var parsed) && !char.IsAsciiDigit(method[0]);
            var verifier = known ? verifiers.FirstOrDefault(v => v.Method == parsed && v.IsAvailable) : null;
            if (verifier is null)
                return Refusal.NotFound("This way of checking age is not available here.").ToResult();
            var outcome = await verifier.StartAsync(http.User.MemberId(), ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        }).RequireRateLimiting(AccountsRegistration.AuthRateLimit);
        member.MapPost("/credential", async Task<IResult> (CredentialPresentation body, HttpContext http, CredentialVerifier verifier, CancellationToken ct) =>
        {
            var outcome = await verifier.PresentAsync(http.User.MemberId(), body.Presentation, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        }).RequireRateLimiting(AccountsRegistration.AuthRateLimit);
        // The image is the raw request body (image/jpeg, image/png or image/webp): no form, no file name.
        member.MapPost("/manual-review", async Task<IResult> (HttpContext http, ManualReviewVerifier verifier, Microsoft.Extensions.Options.IOptions<AgeOptions> options, CancellationToken ct) =>
        {
            var image = await ReadBodyAsync(http.Request, options.Value.MaxReviewImageBytes, ct);
            if (image is null)
                return new Refusal(StatusCodes.Status413PayloadTooLarge, "ImageTooLarge", "The photo is too large. Please use a smaller one.").ToResult();
            var outcome = await verifier.SubmitAsync(http.User.MemberId(), image, ct);
            return outcome.Refusal?.ToResult() ?? TypedResults.Ok(outcome.Value);
        }).RequireRateLimiting(AccountsRegistration.AuthRateLimit);

        // The provider authenticates with its signature, not as a member.
        endpoints.MapPost("/api/age/provider/callback", async Task<IResult> (HttpContext http, ProviderVerifier verifier, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync(http.Request, ProviderVerifier.MaxCallbackBytes, ct);
            if (body is null)
                return new Refusal(StatusCodes.Status413PayloadTooLarge, "CallbackTooLarge", "The callback body is too large.").ToResult();
            var refusal = await verifier.HandleCallbackAsync(http.Request.Headers[ProviderVerifier.TimestampHeader],
                http.Request.Headers[ProviderVerifier.SignatureHeader], body, ct);
            return refusal?.ToResult() ?? TypedResults.NoContent();
        }).WithTags("Age").AllowAnonymous();

        var moderation = endpoints.MapGroup("/api/moderation/age").WithTags("Age").RequireAuthorization(Policies.Moderator);
        moderation.MapGet("/reviews", async (ManualReviewVerifier reviews, CancellationToken ct) =>
            TypedResults.Ok(await reviews.PendingAsync(ct)));
        moderation.MapGet("/reviews/{id:guid}/image", async Task<IResult> (Guid id, HttpContext http, ManualReviewVerifier reviews, CancellationToken ct) =>
        {
            var image = await reviews.ImageAsync(id, ct);
            if (image is null)
                return Refusal.NotFound("This image is gone or never existed.").ToResult();
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return TypedResults.File(image.Bytes, image.ContentType);
        });
        moderation.MapPost("/reviews/{id:guid}/decision", async Task<IResult> (Guid id, AgeReviewDecision body, HttpContext http, ManualReviewVerifier reviews, CancellationToken ct) =>
            (await reviews.DecideAsync(http.User.MemberId(), id, body.Approve, ct))?.ToResult() ?? TypedResults.NoContent());
        moderation.MapPost("/members/{memberId:guid}/reverify", async Task<IResult> (Guid memberId, HttpContext http, AgeStatusService status, CancellationToken ct) =>
            (await status.RequireReverificationAsync(http.User.MemberId(), memberId, ct))?.ToResult() ?? TypedResults.NoContent());
    }

    /// <summary>The body, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max, CancellationToken ct)
    {
        if (request.ContentLength > max)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
                return null;
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
