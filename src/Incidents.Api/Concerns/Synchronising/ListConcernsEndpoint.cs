using System.Globalization;
using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Synchronising;

/// <summary>What the MIS keeps of a concern: references and state, never narrative, notes, advice or debriefs.</summary>
public sealed record ConcernSyncItem(
    Guid Id,
    long Version,
    ConcernKind Kind,
    ConcernStatus Status,
    LeadRole Lead,
    DateTimeOffset OccurredAt,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<Subject> Subjects)
{
    public static ConcernSyncItem From(CaseSummary c) =>
        new(c.Id, c.Version, c.Kind, c.Status, c.LeadRole, c.OccurredAt, c.RaisedAt, c.UpdatedAt, c.ClosedAt, c.Subjects);
}

/// <param name="NextCursor">Always present: keep it and pass it as <c>after</c> next time to get only what changed since.</param>
/// <param name="HasMore">More changes are waiting now; fetch the next page at once.</param>
public sealed record SyncPage(IReadOnlyList<ConcernSyncItem> Items, string NextCursor, bool HasMore);

public static class ListConcernsEndpoint
{
    /// <summary>
    /// The MIS synchronisation feed: concerns in the order they last changed (the position of their last event
    /// in the store), keyset-paginated. A page never skips or repeats a concern: a concern shows up again only
    /// when it changed after it was read, with a higher version. Only the learners' cases the MIS raised itself are
    /// synchronised: never a case raised by anyone else, an allegation or a staff case.
    /// Filters: updatedSince (instant), status, kind (comma-separated).
    /// </summary>
    [RecordsReads("mis-feed")]
    [QueryParameters(QuerySet.MisFeed)]
    [WolverineGet("/api/concerns", Name = "ListConcernsForSync"), Tags("MIS synchronisation")]
    [AuthorizeFor(RoleSet.Mis)]
    [ProducesResponseType<SyncPage>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(HttpContext http, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var query = new QueryParameters(http.Request, clock, QueryDefinitions.Names(QuerySet.MisFeed));
        var updatedSince = query.Instant("updatedSince");
        var statuses = query.Enums<ConcernStatus>("status");
        var kinds = query.Enums<ConcernKind>("kind");
        var limit = query.Limit();
        var after = query.Cursor();
        long position = 0;
        query.Check(after is not null && (after.Count != 1 || !long.TryParse(after[0], NumberStyles.None, CultureInfo.InvariantCulture, out position)),
            "after", "after is not a cursor of this feed.");
        if (query.Problem is { } problem)
        {
            return Results.Problem(problem);
        }

        // Only what this MIS raised: of a case it did not raise it learns nothing, not even its kind (CaseAccess.ReadLevelFor).
        var me = http.User.ToActor().Id;
        var q = session.Query<CaseSummary>().Where(x => x.Category != ConcernCategory.Staff && x.Category != ConcernCategory.Allegation
                                                        && x.Category != ConcernCategory.LowLevelConcern
                                                        && x.RaisedById.Equals(me, StringComparison.OrdinalIgnoreCase) && x.LastSequence > position);
        if (updatedSince is { } since)
        {
            q = q.Where(x => x.UpdatedAt >= since);
        }

        foreach (var filter in CaseSummaryFilters.KindsAndStatuses(kinds, statuses))
        {
            q = q.Where(filter);
        }

        var rows = await q.OrderBy(x => x.LastSequence).Take(limit + 1).ToListAsync(ct);
        var page = rows.Take(limit).ToList();
        var last = page.Count > 0 ? page[^1].LastSequence : position;
        return Results.Ok(new SyncPage(
            page.Select(ConcernSyncItem.From).ToList(),
            Cursors.Encode(last.ToString(CultureInfo.InvariantCulture)),
            rows.Count > limit));
    }
}
