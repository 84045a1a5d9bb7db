using Incidents.Api.Audit.Access;
using Incidents.Api.Chronologies;
using Incidents.Api.Web.People;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Api.Web.Pages.Chronologies;

/// <summary>A child's chronology: the DSL sees the child's side of a case someone else leads, with who leads it.</summary>
[RecordsReads("learner-chronology", "person")]
public sealed class LearnerModel(IQuerySession session, SchoolCalendar calendar, PersonLinks links) : ChronologyPage(session, calendar, links)
{
    public override string Heading => "A child's chronology";

    public override string Explanation =>
        "Everything recorded about this child across their concerns, in the order it happened. On a case someone else leads (an allegation, a member of staff's case) you see the child's side, as the policy allows: their support, their parents, who leads the case.";

    public Task<IActionResult> OnGetAsync(string person, CancellationToken ct) =>
        ReadAsync(person, PersonType.Learner, RoleSet.ChronologyReaders, ct);
}
