using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.PeopleDirectory;
using Incidents.Api.Queue;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Queue;

/// <summary>The work queue: the API's own query (same filters, same order, same paging), most urgent first.</summary>
[RecordsReads("work-queue")]
public sealed class IndexModel(IQuerySession session, SchoolCalendar calendar, TimeProvider clock, SchoolRoles school) : PageModel
{
    public Page<QueueItem> Queue { get; private set; } = new([], null);

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The names of the people on the queue's cases, from the directory (the queue is only for those who handle them).</summary>
    public PeopleNames Names { get; private set; } = PeopleNames.None;

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!(await WebUser.WithWorkQueueAsync(User, school, session, ct)).Handles)
        {
            return NotFound();
        }

        var (page, problem) = await GetQueueEndpoint.ReadAsync(HttpContext, session, calendar, clock, ct);
        if (problem is not null)
        {
            Errors = this.ShowErrors(FormErrors.From(problem, "kind"), StatusCodes.Status400BadRequest);
            return Page();
        }

        Queue = page!;
        Names = await PeopleNames.LoadAsync(session, Queue.Items.SelectMany(i => i.Subjects.Select(s => s.MisRef)), ct);
        return Page();
    }
}
