using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns;
using Incidents.Api.Concerns.Debriefing;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.DebriefChanges;

/// <summary>
/// The changes agreed at debriefs that this person owns (section 8: "implement any policy or curriculum changes"), open
/// first by due date, and a form to record each as done. The change and its date only, never the case: its owner need
/// not be able to read it (the case's link shows only to those who may). Recording it takes the API's path
/// (<see cref="MarkDebriefChangeDoneEndpoint"/>, <see cref="ConcernCommands.ExecuteAsync"/>).
/// </summary>
[RecordsReads("debrief-changes")]
public sealed class IndexModel(IQuerySession reader, IDocumentSession writer, SchoolCalendar calendar, OccurrenceWindow window, TimeProvider clock) : PageModel
{
    public IReadOnlyList<DebriefChangeView> Changes { get; private set; } = [];

    public FormErrors Errors { get; private set; } = FormErrors.None;

    /// <summary>The change just recorded as done, for the confirmation.</summary>
    public int? JustDone { get; private set; }

    public DateOnly Today => calendar.LocalDate(clock.GetUtcNow());

    public TimeZoneInfo SchoolTime => calendar.TimeZone;

    public async Task<IActionResult> OnGetAsync(int? done, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.RaisersInPerson))
        {
            return NotFound();
        }

        JustDone = done;
        Changes = await ListMyDebriefChangesEndpoint.MineAsync(reader, actor, includeDone: true, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid concern, int number, long version, string? whatWasDone, CancellationToken ct)
    {
        var actor = new WebUser(User).Actor;
        if (!actor.In(RoleSet.RaisersInPerson))
        {
            return NotFound();
        }

        // Recorded as done now: the case page's form records an earlier time.
        var request = new MarkDebriefChangeDoneRequest(whatWasDone, clock.GetUtcNow());
        var problem = MarkDebriefChangeDoneEndpoint.Validate(request, window);
        var outcome = !ReferenceEquals(problem, Wolverine.Http.WolverineContinue.NoProblems) && problem is not null
            ? new CommandOutcome(null, problem)
            : await ConcernCommands.ExecuteAsync(writer, HttpContext, concern, version,
                (c, a, now) => MarkDebriefChangeDoneEndpoint.Decide(request, number, c, a, now), clock, ct, mayKnow: CaseAccess.KnowsOfDebriefChanges);
        if (outcome.Problem is { } refused)
        {
            if (refused.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            Errors = this.ShowErrors(FormErrors.From(refused, "whatWasDone"), refused.Status ?? StatusCodes.Status400BadRequest);
            Changes = await ListMyDebriefChangesEndpoint.MineAsync(reader, actor, includeDone: true, ct);
            return Page();
        }

        return Redirect($"/debrief-changes?done={number}");
    }
}
