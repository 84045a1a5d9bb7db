using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Concerns;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Chronologies;

public static class GetLearnerChronologyEndpoint
{
    /// <summary>The roles that read it, here and on its page in the web app.</summary>
    public const string Readers = "dsl,deputy-dsl,headteacher";

    /// <summary>Every entry about one learner across all their concerns, in the order it happened.</summary>
    [RecordsReads("learner-chronology", "misRef")]
    [WolverineGet("/api/learners/{misRef}/chronology", Name = "GetLearnerChronology"), Tags("Chronologies")]
    [Authorize(Roles = Readers)]
    [ProducesResponseType<Chronology>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string misRef, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await ChronologyRequest.Handle(misRef, PersonType.Learner, http, session, ct);
}
