using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Csv;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Incidents.Api.Audit;

public static class ExportAuditTrailEndpoint
{
    /// <summary>The audit trail as CSV, with the same filters as <c>GET /api/audit</c> and no paging; streamed.</summary>
    [RecordsReads("audit-export", streamed: true)]
    [QueryParameters(QuerySet.AuditExport)]
    [WolverineGet("/api/audit/export", Name = "ExportAuditTrail"), Tags("Audit")]
    [AuthorizeFor(RoleSet.AuditReaders)]
    [Produces("text/csv")]
    public static async Task Get(
        HttpContext http, IQuerySession session, NpgsqlDataSource db, SchoolCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryParameters(http.Request, clock, QueryDefinitions.Names(QuerySet.AuditExport));
        var filter = AuditFilter.Parse(query, calendar);
        if (query.Problem is { } problem)
        {
            await Results.Problem(problem).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = Csv.ContentType;
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{clock.GetUtcNow():yyyyMMdd-HHmmss}.csv\"";
        await Csv.WriteAsync(http.Response,
            Csv.Line("sequence", "concern_id", "concern_kind", "version", "event_type", "actor", "actor_name", "recorded_at", "correlation_id", "causation_id"), ct);
        await foreach (var e in AuditTrail.AllAsync(db, session, http.User.ToActor(), filter, ct))
        {
            await Csv.WriteAsync(http.Response, Csv.Line(
                e.Sequence, e.ConcernId, e.ConcernKind is { } k ? EnumNames.Of(k) : null, e.Version, e.EventType, e.Actor, e.ActorName,
                e.RecordedAt, e.CorrelationId, e.CausationId), ct);
        }
    }
}
