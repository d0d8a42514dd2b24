using System.Net;
using Haven.Server.Chat;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Haven.Server.Observability;

public static class ObservabilityRegistration
{
    /// <summary>
    /// OpenTelemetry metrics (message path, ASP.NET Core, Kestrel, SignalR connections) scraped by
    /// Prometheus at /metrics, and traces of the message path. Logs stay structured and never
    /// carry message text (the message path logs ids and codes only).
    /// </summary>
    public static IServiceCollection AddObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ObservabilityOptions>().Bind(configuration.GetSection(ObservabilityOptions.Section));
        var otlp = configuration.GetSection(ObservabilityOptions.Section).Get<ObservabilityOptions>()?.OtlpEndpoint;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("haven", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(metrics => metrics
                .AddMeter(ChatMetrics.MeterName)
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.RateLimiting")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(ChatMetrics.MeterName)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
                .AddOtlpExporterWhenConfigured(otlp));
        return services;
    }

    private static TracerProviderBuilder AddOtlpExporterWhenConfigured(this TracerProviderBuilder tracing, Uri? endpoint) =>
        endpoint is null ? tracing : tracing.AddOtlpExporter(o => o.Endpoint = endpoint);

    /// <summary>The scrape endpoint answers loopback and the configured scrapers only.</summary>
    public static IEndpointRouteBuilder MapObservability(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint("/metrics")
            .AddEndpointFilter(async (context, next) =>
            {
                var allowed = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ObservabilityOptions>>().Value;
                var remote = context.HttpContext.Connection.RemoteIpAddress;
                if (remote is null || !(IPAddress.IsLoopback(remote) || allowed.AllowedScrapers.Contains(remote.ToString())))
                    return TypedResults.NotFound();
                return await next(context);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }
}

public sealed class ObservabilityOptions
{
    public const string Section = "Haven:Observability";

    /// <summary>Addresses (besides loopback) allowed to scrape /metrics.</summary>
    public List<string> AllowedScrapers { get; set; } = [];

    /// <summary>An OpenTelemetry collector to send traces to (e.g. http://collector:4317); none by default.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
