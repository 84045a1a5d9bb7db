using System.Security.Claims;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Logging;
using Incidents.Api.Infrastructure.Problems;
using Marten;

namespace Incidents.Api.Audit.Access;

/// <summary>One read of safeguarding data: who, what, when, how it was answered and under which correlation id.</summary>
public sealed record ReadAccessRecord
{
    public Guid Id { get; init; }

    public DateTimeOffset At { get; init; }

    public string Actor { get; init; } = "";

    public string ActorName { get; init; } = "";

    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>What kind of thing was read, e.g. <c>concern</c>, <c>learner-chronology</c>, <c>governor-report</c>.</summary>
    public string Resource { get; init; } = "";

    /// <summary>Which one: a concern id or a MIS reference; null for lists and reports.</summary>
    public string? Target { get; init; }

    /// <summary>The path and query string exactly as requested (the filters of a query or export).</summary>
    public string Request { get; init; } = "";

    public int Status { get; init; }

    public string CorrelationId { get; init; } = "";
}

/// <summary>Marks an endpoint whose every read is recorded in the access log before its response starts.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RecordsReadsAttribute(string resource, string? targetRouteValue = null) : Attribute
{
    public string Resource { get; } = resource;

    public string? TargetRouteValue { get; } = targetRouteValue;
}

public static class ReadAccessLog
{
    /// <summary>
    /// Records each read of a marked endpoint when its response is about to start, so the status is known and the
    /// record is committed before any data leaves: if the record cannot be stored, the read fails.
    /// </summary>
    public static IApplicationBuilder UseReadAccessLog(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RecordsReadsAttribute>() is { } marked && http.User.Identity?.IsAuthenticated == true)
        {
            http.Response.OnStarting(async () =>
            {
                var actor = http.User.ToActor();
                var record = new ReadAccessRecord
                {
                    Id = Guid.CreateVersion7(),
                    At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
                    Actor = actor.Id,
                    ActorName = actor.Name,
                    Roles = http.User.FindAll(IncidentsClaims.Role).Select(c => c.Value).ToList(),
                    Resource = marked.Resource,
                    Target = marked.TargetRouteValue is { } key ? http.Request.RouteValues[key]?.ToString() : null,
                    Request = (http.Request.Path + http.Request.QueryString).ToString() is var r && r.Length > 2000 ? r[..2000] : http.Request.Path + http.Request.QueryString,
                    Status = http.Response.StatusCode,
                    CorrelationId = CorrelationIds.For(http),
                };
                try
                {
                    await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession();
                    session.Store(record);
                    await session.SaveChangesAsync(http.RequestAborted);
                }
                catch (Exception e) when (record.Status >= StatusCodes.Status400BadRequest && ExceptionProblems.IsUnavailable(e))
                {
                    // Nothing is served (the read failed or was refused) and the database is unreachable: answer as
                    // answered (a 503 stays a 503, not an empty 500) and keep the attempt in the application log.
                    // A successful read that cannot be recorded still fails.
                    http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadAccessLog)).LogWarning(
                        "Database unreachable: read of {Resource} {Target} by {Actor} answered {Status} could not be recorded in the access log",
                        record.Resource, record.Target, record.Actor, record.Status);
                }
            });
        }

        await next(http);
    });
}
