using System.Globalization;
using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Wolverine.Http;

namespace Incidents.Api.Audit;

public static class GetAuditTrailEndpoint
{

    /// <summary>
    /// Who did what, when, on which concern: every event in the store, oldest first, keyset-paginated. Filters:
    /// actor (staff id), from/to (school-local dates, inclusive), kind, eventType (comma-separated), concern.
    /// A page can hold fewer than <c>limit</c> entries; keep going while <c>nextCursor</c> is present.
    /// </summary>
    [RecordsReads("audit-trail")]
    [QueryParameters(QuerySet.AuditTrail)]
    [WolverineGet("/api/audit", Name = "QueryAuditTrail"), Tags("Audit")]
    [AuthorizeFor(RoleSet.AuditReaders)]
    [ProducesResponseType<Page<AuditEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(
        HttpContext http, IQuerySession session, NpgsqlDataSource db, SchoolCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var (page, problem) = await ReadAsync(http.Request, http.User.ToActor(), session, db, calendar, clock, ct);
        return problem is not null ? Results.Problem(problem) : Results.Ok(page);
    }

    /// <summary>A page of the trail as the request's filters ask, or the problem with them; the web app's audit page reads it too.</summary>
    public static async Task<(Page<AuditEntry>? Page, ProblemDetails? Problem)> ReadAsync(
        HttpRequest request, Actor caller, IQuerySession session, NpgsqlDataSource db, SchoolCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryParameters(request, clock, QueryDefinitions.Names(QuerySet.AuditTrail));
        var filter = AuditFilter.Parse(query, calendar);
        var limit = query.Limit();
        var after = query.Cursor();
        long position = 0;
        query.Check(after is not null && (after.Count != 1 || !long.TryParse(after[0], NumberStyles.None, CultureInfo.InvariantCulture, out position)),
            "after", "after is not a cursor of the audit trail.");
        if (query.Problem is { } problem)
        {
            return (null, problem);
        }

        var (entries, last, more) = await AuditTrail.PageAsync(db, session, caller, filter, position, limit, ct);
        return (new Page<AuditEntry>(entries, more ? AuditTrail.Cursor(last) : null), null);
    }
}
