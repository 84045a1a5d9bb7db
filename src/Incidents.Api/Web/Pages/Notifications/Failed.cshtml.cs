using Incidents.Api.Notifications;
using Incidents.Api.PeopleDirectory;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Notifications;

/// <summary>Alert emails that finally failed, for the DSL and the headteacher to follow up in person.</summary>
public sealed class FailedModel(IQuerySession session, SchoolCalendar calendar) : PageModel
{
    public IReadOnlyList<FailedDelivery> Failures { get; private set; } = [];

    public PeopleNames Names { get; private set; } = PeopleNames.None;

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!new WebUser(User).Actor.In(RoleSet.AlertAdministrators))
        {
            return NotFound();
        }

        Failures = await ListFailedDeliveriesEndpoint.Get(session, ct);
        Names = await PeopleNames.LoadAsync(session, Failures.Select(f => f.Recipient), ct);
        return Page();
    }
}
