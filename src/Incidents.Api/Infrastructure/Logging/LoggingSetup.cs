using System.Security.Claims;
using Incidents.Api.Infrastructure.Auth;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Incidents.Api.Infrastructure.Logging;

public static class LoggingSetup
{
    /// <summary>
    /// Serilog: human-readable console in Development, compact JSON elsewhere. Request bodies are never logged:
    /// they hold personal data about children.
    /// </summary>
    public static void AddIncidentsLogging(this WebApplicationBuilder builder)
    {
        // Each host keeps its own logger rather than replacing the process-wide one: with several hosts in one process (the
        // tests), a shared static logger sent one host's lines to whichever host started last.
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services) // sinks the host registers (the tests' capture of what is logged)
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning)
                .MinimumLevel.Override("Wolverine", LogEventLevel.Warning)
                .MinimumLevel.Override("Marten", LogEventLevel.Warning)
                .MinimumLevel.Override("JasperFx", LogEventLevel.Warning)
                .MinimumLevel.Override("Npgsql", LogEventLevel.Warning)
                .Enrich.FromLogContext();
            if (builder.Environment.IsDevelopment())
            {
                logger.WriteTo.Console(outputTemplate:
                    "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj} {{CorrelationId={CorrelationId} User={UserId}}}{NewLine}{Exception}");
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        }, preserveStaticLogger: true);
    }

    /// <summary>One line per request: method, route template, status, time, user and correlation id. No bodies, no query strings.</summary>
    public static void UseIncidentsRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            // The path may contain ids but never names; the query string may contain MIS references, so leave it out.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.EnrichDiagnosticContext = (diagnostics, context) =>
            {
                diagnostics.Set("CorrelationId", CorrelationIds.For(context));
                diagnostics.Set("UserId", UserIdOf(context.User));
            };
        });
    }

    /// <summary>After authentication: every log line written during the request carries its correlation id and user.</summary>
    public static void UseIncidentsLogContext(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            using (Serilog.Context.LogContext.PushProperty("CorrelationId", CorrelationIds.For(context)))
            using (Serilog.Context.LogContext.PushProperty("UserId", UserIdOf(context.User)))
            {
                await next(context);
            }
        });

    private static string UserIdOf(ClaimsPrincipal user) => user.FindFirstValue(IncidentsClaims.Subject) ?? "anonymous";
}

/// <summary>The correlation id of a request: the caller's <c>X-Correlation-Id</c> when well-formed, else the trace id.</summary>
public static class CorrelationIds
{
    public const string Header = "X-Correlation-Id";

    public static string For(HttpContext context)
    {
        if (context.Items.TryGetValue(Header, out var known) && known is string id)
        {
            return id;
        }

        var supplied = context.Request.Headers[Header].ToString();
        id = supplied.Length is > 0 and <= 64 && supplied.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? supplied
            : System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        context.Items[Header] = id;
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[Header] = id;
        }

        return id;
    }
}
