using Scalar.AspNetCore;

namespace Haven.Server.ApiDocs;

public static class ApiDocsRegistration
{
    public static IServiceCollection AddApiDocs(this IServiceCollection services)
    {
        services.AddOpenApi();
        return services;
    }

    /// <summary>The OpenAPI document always; the Scalar UI only in Development.</summary>
    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder endpoints, IHostEnvironment environment)
    {
        endpoints.MapOpenApi().AllowAnonymous();
        if (environment.IsDevelopment())
            endpoints.MapScalarApiReference().AllowAnonymous();
        return endpoints;
    }
}
