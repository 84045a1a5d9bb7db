using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Chronologies;

public static class GetLearnerChronologyEndpoint
{

    /// <summary>Every entry about one learner across all their concerns, in the order it happened.</summary>
    [RecordsReads("learner-chronology", "misRef")]
    [WolverineGet("/api/learners/{misRef}/chronology", Name = "GetLearnerChronology"), Tags("Chronologies")]
    [AuthorizeFor(RoleSet.ChronologyReaders)]
    [ProducesResponseType<Chronology>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string misRef, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await ChronologyRequest.Handle(misRef, PersonType.Learner, http, session, ct);
}
