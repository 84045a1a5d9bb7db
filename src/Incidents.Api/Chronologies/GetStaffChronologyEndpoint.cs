using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Chronologies;

public static class GetStaffChronologyEndpoint
{

    /// <summary>
    /// Every entry about one adult across the concerns the caller may read, so repeated low-level concerns about
    /// the same person can be seen together. Headteacher and DSL only; nobody sees concerns about themselves.
    /// </summary>
    [RecordsReads("staff-chronology", "misRef")]
    [WolverineGet("/api/staff/{misRef}/chronology", Name = "GetStaffChronology"), Tags("Chronologies")]
    [AuthorizeFor(RoleSet.ChronologyReaders)]
    [ProducesResponseType<Chronology>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(string misRef, HttpContext http, IQuerySession session, CancellationToken ct) =>
        await ChronologyRequest.Handle(misRef, PersonType.StaffMember, http, session, ct);
}
