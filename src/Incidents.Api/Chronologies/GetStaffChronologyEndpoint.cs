using Incidents.Api.Audit.Access;
using Incidents.Domain.Concerns;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Chronologies;

public static class GetStaffChronologyEndpoint
{
    /// <summary>The roles that read it, here and on its page in the web app.</summary>
    public const string Readers = "headteacher,dsl,deputy-dsl";

    /// <summary>
    /// Every entry about one adult across the concerns the caller may read, so repeated low-level concerns about
    /// the same person can be seen together. Headteacher and DSL only; nobody sees concerns about themselves.
    /// </summary>
    [RecordsReads("staff-chronology", "misRef")]
    [WolverineGet("/api/staff/{misRef}/chronology", Name = "GetStaffChronology"), Tags("Chronologies")]
    [Authorize(Roles = Readers)]
    [ProducesResponseType<Chronology>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string misRef, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await ChronologyRequest.Handle(misRef, PersonType.StaffMember, http, session, ct);
}
