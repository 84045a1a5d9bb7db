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

/// <summary>Marks an endpoint whose every read is recorded in the access log before any of its answer leaves.</summary>
/// <param name="streamed">
/// The answer is streamed (an export of any size): it is recorded as its response starts instead of being held back
/// until the record is stored.
/// </param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RecordsReadsAttribute(string resource, string? targetRouteValue = null, bool streamed = false) : Attribute
{
    public string Resource { get; } = resource;

    public string? TargetRouteValue { get; } = targetRouteValue;

    public bool Streamed { get; } = streamed;
}

public static class ReadAccessLog
{
    /// <summary>
    /// Records each read of a marked endpoint, with the status it was answered, before any of the answer leaves: the
    /// answer is held in memory until its record is committed. If the record cannot be stored because the database
    /// is unreachable or overloaded, a successful read is replaced by a 503 (nothing is served unrecorded) and a
    /// refused one keeps its status; any other failure is a 500 problem, never an empty or half-sent response.
    /// </summary>
    /// <summary>
    /// Set by a page whose address holds an opaque key rather than what it reads (a person's chronology): the target the
    /// record names instead of the route value, so the log still says whose record was read.
    /// </summary>
    public const string TargetItem = "incidents.read-target";

    public static IApplicationBuilder UseReadAccessLog(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RecordsReadsAttribute>() is not { } marked || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }

        // Who asked, as they were signed in: authorization may replace the user (a page's session sent to the API,
        // which takes bearer tokens only, becomes anonymous), and the attempt is still theirs. What they asked for is
        // taken now too: a page's refusal re-executes as the "not found" page, which leaves other route values behind.
        var reader = http.User;
        var target = marked.TargetRouteValue is { } key ? http.Request.RouteValues[key]?.ToString() : null;

        if (marked.Streamed)
        {
            http.Response.OnStarting(() => StoreAsync(http, RecordOf(http, reader, marked, target)));
            await next(http);
            return;
        }

        var answer = http.Response.Body;
        await using var held = new MemoryStream();
        http.Response.Body = held;
        try
        {
            await next(http);
        }
        catch (Exception e)
        {
            http.Response.Body = answer;
            await TryStoreAsync(http, RecordOf(http, reader, marked, target) with { Status = ExceptionProblems.IsUnavailable(e) ? 503 : 500 });
            throw;
        }

        http.Response.Body = answer;
        var record = RecordOf(http, reader, marked, target);
        try
        {
            await StoreAsync(http, record);
        }
        catch (Exception e) when (ExceptionProblems.IsUnavailable(e))
        {
            Logger(http).LogWarning(
                "Access log unavailable: read of {Resource} {Target} by {Actor} answered {Status} could not be recorded",
                record.Resource, record.Target, record.Actor, record.Status);
            if (record.Status < StatusCodes.Status400BadRequest)
            {
                await AnswerUnrecordedAsync(http);
                return;
            }
        }

        held.Position = 0;
        await held.CopyToAsync(answer, http.RequestAborted);
    });

    private static ReadAccessRecord RecordOf(HttpContext http, ClaimsPrincipal reader, RecordsReadsAttribute marked, string? target)
    {
        var actor = reader.ToActor();
        var request = (http.Request.Path + http.Request.QueryString).ToString();
        return new ReadAccessRecord
        {
            Id = Guid.CreateVersion7(),
            At = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(),
            Actor = actor.Id,
            ActorName = actor.Name,
            Roles = reader.FindAll(IncidentsClaims.Role).Select(c => c.Value).ToList(),
            Resource = marked.Resource,
            Target = http.Items[TargetItem] as string ?? target,
            Request = request.Length > 2000 ? request[..2000] : request,
            Status = http.Response.StatusCode,
            CorrelationId = CorrelationIds.For(http),
        };
    }

    private static async Task StoreAsync(HttpContext http, ReadAccessRecord record)
    {
        await using var session = http.RequestServices.GetRequiredService<IDocumentStore>().LightweightSession();
        session.Store(record);
        await session.SaveChangesAsync(http.RequestAborted);
    }

    /// <summary>For a read that failed anyway: record it if the database allows, else leave it to the application log.</summary>
    private static async Task TryStoreAsync(HttpContext http, ReadAccessRecord record)
    {
        try
        {
            await StoreAsync(http, record);
        }
        catch (Exception e) when (ExceptionProblems.IsUnavailable(e))
        {
            Logger(http).LogWarning("Access log unavailable: failed read of {Resource} {Target} by {Actor} could not be recorded",
                record.Resource, record.Target, record.Actor);
        }
    }

    /// <summary>The data stays unsent: a 503 problem in place of the held answer.</summary>
    private static async Task AnswerUnrecordedAsync(HttpContext http)
    {
        http.Response.Clear();
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = "5";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Type = RuleViolationProblems.TypeBase + "unavailable",
                Title = "The service is temporarily unavailable",
                Status = StatusCodes.Status503ServiceUnavailable,
                Detail = "The read could not be recorded in the access log, so nothing was served. Retry shortly.",
                Instance = http.Request.Path,
            },
        });
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReadAccessLog));
}
