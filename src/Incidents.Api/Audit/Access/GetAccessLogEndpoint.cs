using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Audit.Access;

public static class GetAccessLogEndpoint
{

    /// <summary>
    /// Who read what: every recorded read of a case, its history, a chronology, a list, the audit trail, an export
    /// or the governor report, oldest first, keyset-paginated. Filters: actor, resource, target, from/to. Reads of a
    /// case the caller may not read in full (or of their own staff chronology) are left out. Nothing here can be
    /// changed or deleted through the API.
    /// </summary>
    [QueryParameters(QuerySet.AccessLog)]
    [WolverineGet("/api/audit/access", Name = "QueryAccessLog"), Tags("Audit")]
    [AuthorizeFor(RoleSet.AccessLogReaders)]
    [RecordsReads("access-log")]
    [ProducesResponseType<Page<ReadAccessRecord>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, SchoolCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var (page, problem) = await ReadAsync(http.Request, http.User.ToActor(), session, calendar, clock, ct);
        return problem is not null ? Results.Problem(problem) : Results.Ok(page);
    }

    /// <summary>A page of the log as the request's filters ask, or the problem with them; the web app's access log page reads it too.</summary>
    public static async Task<(Page<ReadAccessRecord>? Page, ProblemDetails? Problem)> ReadAsync(
        HttpRequest request, Domain.Identity.Actor caller, IQuerySession session, SchoolCalendar calendar, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryParameters(request, clock, QueryDefinitions.Names(QuerySet.AccessLog));
        var actorFilter = query.Text("actor", 64);
        var resource = query.Text("resource", 64);
        var target = query.Text("target", 64);
        var (from, to) = query.DateRange(calendar);
        var limit = query.Limit();
        var after = query.Cursor();
        var afterId = Guid.Empty;
        var afterAt = DateTimeOffset.MinValue;
        query.Check(after is not null && (after.Count != 2 || !DateTimeOffset.TryParse(after[0], null, System.Globalization.DateTimeStyles.RoundtripKind, out afterAt) || !Guid.TryParse(after[1], out afterId)),
            "after", "after is not a cursor of the access log.");
        if (query.Problem is { } problem)
        {
            return (null, problem);
        }

        IQueryable<ReadAccessRecord> q = session.Query<ReadAccessRecord>();
        if (actorFilter is not null)
        {
            q = q.Where(x => x.Actor == actorFilter);
        }

        if (resource is not null)
        {
            q = q.Where(x => x.Resource == resource);
        }

        if (target is not null)
        {
            q = q.Where(x => x.Target == target);
        }

        if (from is { } start)
        {
            q = q.Where(x => x.At >= start);
        }

        if (to is { } end)
        {
            q = q.Where(x => x.At < end);
        }

        var visible = new List<ReadAccessRecord>();
        var (scannedAt, scannedId) = (afterAt, afterId);
        var more = false;
        while (visible.Count < limit)
        {
            // In the order the reads happened; the id breaks ties between reads in the same instant.
            var (at, id) = (scannedAt, scannedId);
            var batch = await q.Where(x => x.At > at || (x.At == at && x.Id.CompareTo(id) > 0))
                .OrderBy(x => x.At).ThenBy(x => x.Id).Take(200).ToListAsync(ct);
            foreach (var record in batch)
            {
                if (visible.Count == limit)
                {
                    more = true;
                    break;
                }

                (scannedAt, scannedId) = (record.At, record.Id);
                if (await VisibleAsync(session, caller, record, ct))
                {
                    visible.Add(record);
                }
            }

            if (more || batch.Count < 200)
            {
                break;
            }
        }

        return (new Page<ReadAccessRecord>(visible, more ? Cursors.Encode(scannedAt.ToString("O"), scannedId.ToString()) : null), null);
    }

    private static async Task<bool> VisibleAsync(IQuerySession session, Domain.Identity.Actor caller, ReadAccessRecord record, CancellationToken ct)
    {
        if (record.Resource is "concern" or "concern-history")
        {
            var concern = Guid.TryParse(record.Target, out var id) ? await session.LoadAsync<Concern>(id, ct) : null;
            return concern is null || ConcernReadAccess.ViewFor(caller, concern) is ConcernView;
        }

        return !(record.Resource == "staff-chronology" && string.Equals(record.Target, caller.Id, StringComparison.OrdinalIgnoreCase));
    }
}
