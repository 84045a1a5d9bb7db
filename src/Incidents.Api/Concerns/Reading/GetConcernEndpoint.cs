using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Reading;

public static class GetConcernEndpoint
{
    /// <summary>
    /// Read a concern from its inline projection. Those who handle it see the whole case; the MIS sees the
    /// synchronisation view; the member of staff who raised it sees its status; anyone else gets 404.
    /// </summary>
    [RecordsReads("concern", "id")]
    [WolverineGet("/api/concerns/{id}", Name = "GetConcern"), Tags("Concerns")]
    [ProducesResponseType<ConcernReadView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var concern = await session.LoadAsync<Concern>(id, ct);
        var view = concern is null ? null : ConcernReadAccess.ViewFor(http.User.ToActor(), concern);
        if (view is null)
        {
            return Results.Problem(RuleViolationProblems.NotFound(http.Request.Path));
        }

        ConcernCommands.SetETag(http, concern!.Version);
        return Results.Ok(view);
    }
}
