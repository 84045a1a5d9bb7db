using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Audit;

/// <summary>The access log: who read what, as the API's <c>/api/audit/access</c> reads it, a page at a time.</summary>
[RecordsReads("access-log")]
public sealed class AccessModel(IQuerySession session, SchoolCalendar calendar, TimeProvider clock) : PageModel
{
    public Page<ReadAccessRecord> Log { get; private set; } = new([], null);

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.AccessLogReaders))
        {
            return NotFound();
        }

        var (log, problem) = await GetAccessLogEndpoint.ReadAsync(Request, actor, session, calendar, clock, ct);
        if (problem is not null)
        {
            Errors = this.ShowErrors(FormErrors.From(problem, "actor"), StatusCodes.Status400BadRequest);
            return Page();
        }

        Log = log!;
        return Page();
    }
}
