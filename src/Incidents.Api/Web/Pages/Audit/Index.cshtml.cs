using Incidents.Api.Audit;
using Incidents.Api.Audit.Access;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;

namespace Incidents.Api.Web.Pages.Audit;

/// <summary>
/// The audit trail: who did what, when, on which concern, as the API's <c>/api/audit</c> reads it (the same filters,
/// the same rule that leaves out what the reader may not read in full), a page at a time.
/// </summary>
[RecordsReads("audit-trail")]
public sealed class IndexModel(IQuerySession session, NpgsqlDataSource db, SchoolCalendar calendar, TimeProvider clock) : PageModel
{
    public Page<AuditEntry> Trail { get; private set; } = new([], null);

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public bool ReadsAccessLog { get; private set; }

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.AuditReaders))
        {
            return NotFound();
        }

        ReadsAccessLog = actor.In(RoleSet.AccessLogReaders);
        var (trail, problem) = await GetAuditTrailEndpoint.ReadAsync(Request, actor, session, db, calendar, clock, ct);
        if (problem is not null)
        {
            Errors = this.ShowErrors(FormErrors.From(problem, "actor"), StatusCodes.Status400BadRequest);
            return Page();
        }

        Trail = trail!;
        return Page();
    }
}
