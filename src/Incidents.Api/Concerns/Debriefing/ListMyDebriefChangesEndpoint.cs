using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Debriefing;

public static class ListMyDebriefChangesEndpoint
{
    /// <summary>
    /// The changes agreed at debriefs that the caller owns and has not yet done, earliest due first (with
    /// <c>includeDone=true</c>, the done ones too, after them). Each shows the change and its due date, never the case.
    /// </summary>
    [RecordsReads("debrief-changes")]
    [WolverineGet("/api/debrief-changes/mine", Name = "ListMyDebriefChanges"), Tags("Debrief changes")]
    [AuthorizeFor(RoleSet.RaisersInPerson)]
    [ProducesResponseType<IReadOnlyList<DebriefChangeView>>(StatusCodes.Status200OK)]
    public static async Task<IReadOnlyList<DebriefChangeView>> Get(IQuerySession session, HttpContext http, CancellationToken ct, bool? includeDone = null)
    {
        var actor = http.User.ToActor();
        return await MineAsync(session, actor, includeDone == true, ct);
    }

    /// <summary>The caller's changes (the web page lists the same), never from a case they are alleged on or declared.</summary>
    public static async Task<IReadOnlyList<DebriefChangeView>> MineAsync(IQuerySession session, Actor actor, bool includeDone, CancellationToken ct)
    {
        var key = actor.Id.Trim().ToLowerInvariant();
        var cases = await session.Query<Concern>().Where(c => c.DebriefChangeOwners.Contains(key)).ToListAsync(ct);
        return cases
            .Where(c => CaseAccess.KnowsOfDebriefChanges(actor, c))
            .SelectMany(c => c.DebriefChanges.Where(d => d.IsOwnedBy(actor.Id) && (includeDone || d.IsOpen)).Select(d => DebriefChangeView.From(c, d, actor)))
            .OrderBy(d => d.Done is not null)
            .ThenBy(d => d.DueBy ?? DateOnly.MaxValue)
            .ThenBy(d => d.ConcernId)
            .ThenBy(d => d.Number)
            .ToList();
    }
}
