using Incidents.Api.Audit.Access;
using Incidents.Api.Chronologies;
using Incidents.Api.Web.People;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Api.Web.Pages.Chronologies;

/// <summary>A member of staff's chronology, so repeated low-level concerns about one adult are seen together.</summary>
[RecordsReads("staff-chronology", "person")]
public sealed class StaffModel(IQuerySession session, SchoolCalendar calendar, PersonLinks links) : ChronologyPage(session, calendar, links)
{
    public override string Heading => "A member of staff's chronology";

    public override string Explanation =>
        "Everything recorded about this adult across the concerns you may read, in the order it happened, so that repeated low-level concerns can be seen together. Nobody sees concerns about themselves.";

    public Task<IActionResult> OnGetAsync(string person, CancellationToken ct) =>
        ReadAsync(person, PersonType.StaffMember, RoleSet.ChronologyReaders, ct);
}
