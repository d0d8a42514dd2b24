using Microsoft.AspNetCore.Diagnostics;

namespace Haven.Server.Errors;

public static class ErrorHandlingRegistration
{
    /// <summary>Every error leaves as ProblemDetails; malformed requests are 400, never 500.</summary>
    public static IServiceCollection AddErrorHandling(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Throwing (rather than a silent empty 400) lets the handler below explain what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    private sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
                return false;
            httpContext.Response.StatusCode = bad.StatusCode;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails =
                {
                    Status = bad.StatusCode,
                    Title = "The request could not be read.",
                    // The framework's message names the parameter and problem, never the body's contents.
                    Detail = bad.InnerException is System.Text.Json.JsonException ? "The request body is not valid JSON for this endpoint." : bad.Message,
                },
            });
        }
    }
}
