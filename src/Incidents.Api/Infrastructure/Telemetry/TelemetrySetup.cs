using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Incidents.Api.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry traces and metrics: ASP.NET Core, Npgsql, Marten and Wolverine, and the service's own
/// (<see cref="IncidentsMetrics"/>), exported over OTLP when an endpoint is configured. Off otherwise, so a node
/// without a collector pays nothing for spans nobody reads.
/// </summary>
public static class TelemetrySetup
{
    public const string Section = "Telemetry";

    /// <summary>The activity sources traced besides ASP.NET Core's and Npgsql's.</summary>
    public static readonly string[] Sources = ["Marten", "Wolverine"];

    public static WebApplicationBuilder AddIncidentsTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var endpoint = configuration[$"{Section}:OtlpEndpoint"] ?? configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        if (string.IsNullOrWhiteSpace(endpoint) && !configuration.GetValue<bool>($"{Section}:Enabled"))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddSingleton<IncidentsMetrics>();
        services.AddHostedService<ProjectionLagSampler>();
        services.ConfigureMarten((provider, options) =>
        {
            options.Listeners.Add(new MetricsListener(provider.GetRequiredService<IncidentsMetrics>()));
            // Marten's own spans around each connection and batch, with its event counters as metrics.
            options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
            options.OpenTelemetry.TrackEventCounters();
        });
        services.PostConfigure<ProblemDetailsOptions>(options =>
        {
            var customise = options.CustomizeProblemDetails;
            options.CustomizeProblemDetails = context =>
            {
                customise?.Invoke(context);
                CountRefusal(context.HttpContext, context.ProblemDetails);
            };
        });

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration[$"{Section}:ServiceName"] ?? "incidents-api"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNet =>
                {
                    // Health probes every few seconds would drown the requests that matter.
                    aspNet.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                    aspNet.EnrichWithHttpResponse = WithoutPersonalData;
                })
                .AddNpgsql()
                .AddSource(Sources)
                .AddProcessor(new PersonalDataFilter()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(IncidentsMetrics.MeterName, "Marten", "Wolverine:*"));
        if (configuration[$"{Section}:OtlpEndpoint"] is { Length: > 0 } configured)
        {
            telemetry.UseOtlpExporter(configuration.GetValue($"{Section}:OtlpProtocol", OtlpExportProtocol.Grpc), new Uri(configured));
        }
        else if (!string.IsNullOrWhiteSpace(endpoint))
        {
            telemetry.UseOtlpExporter(); // OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL, _HEADERS as the specification has them
        }

        return builder;
    }

    /// <summary>
    /// A path may hold an MIS reference (<c>/api/learners/L-1001/chronology</c>) and a query a member of staff's
    /// reference (<c>?actor=</c>): spans keep the route's template instead, never the values.
    /// </summary>
    private static void WithoutPersonalData(Activity activity, HttpResponse response)
    {
        var route = (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("url.path", route is null ? null : "/" + route.TrimStart('/'));
        activity.SetTag("url.query", null);
    }

    /// <summary>Counts a refused command (any POST answered with a problem) by the problem's rule code.</summary>
    private static void CountRefusal(HttpContext http, ProblemDetails problem)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || problem.Status is not (>= 400 and < 500) || problem.Status is not { } status)
        {
            return;
        }

        var typeBase = Problems.RuleViolationProblems.TypeBase;
        var rule = problem.Extensions.TryGetValue("rule", out var code) && code is string named ? named
            : problem.Type?.StartsWith(typeBase, StringComparison.Ordinal) == true ? problem.Type[typeBase.Length..]
            : status switch
            {
                StatusCodes.Status400BadRequest => "validation",
                StatusCodes.Status401Unauthorized => "unauthenticated",
                StatusCodes.Status403Forbidden => "forbidden",
                StatusCodes.Status404NotFound => "not-found",
                _ => "other",
            };
        http.RequestServices.GetRequiredService<IncidentsMetrics>().CommandRefused(rule, status);
    }
}
