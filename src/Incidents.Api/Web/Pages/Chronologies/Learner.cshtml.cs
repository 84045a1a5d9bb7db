using Incidents.Api.Audit.Access;
using Incidents.Api.Chronologies;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;

namespace Incidents.Api.Web.Pages.Chronologies;

/// <summary>A child's chronology: the DSL sees the child's side of an allegations case, with who manages it.</summary>
[RecordsReads("learner-chronology", "misRef")]
public sealed class LearnerModel(IQuerySession session, SchoolCalendar calendar) : ChronologyPage(session, calendar)
{
    public override string Heading => "A child's chronology";

    public override string Explanation =>
        "Everything recorded about this child across their concerns, in the order it happened. On an allegations case you see the child's side, as the policy allows: their support, their parents, who manages the case.";

    public Task<IActionResult> OnGetAsync(string misRef, CancellationToken ct) =>
        ReadAsync(misRef, PersonType.Learner, RoleSet.ChronologyReaders, ct);
}
