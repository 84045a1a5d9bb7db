using System.Globalization;
using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.PeopleDirectory;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Incidents.Api.Web.Pages.Cases;

/// <summary>
/// One command on a case as a form. Posting it takes the API's path: the API's request type and validation, the
/// endpoint's Decide, and <see cref="ConcernCommands.ExecuteAsync"/> (the same refusals in the same order, and the
/// case's version as shown, so nobody overwrites a change they have not seen).
/// </summary>
[RecordsReads("concern", "id")]
public sealed class ActModel(IQuerySession reader, IDocumentSession writer, SchoolCalendar calendar, SchoolRoles school, OccurrenceWindow window, TimeProvider clock)
    : PageModel
{
    public CaseActionForm Form { get; private set; } = null!;

    public Concern Concern { get; private set; } = null!;

    public IReadOnlyList<FormField> Fields { get; private set; } = [];

    public FormValues Values { get; private set; } = FormValues.Empty;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public async Task<IActionResult> OnGetAsync(Guid id, string step, CancellationToken ct)
    {
        if (!await LoadAsync(id, step, FormValues.Empty.With("occurredAt", SchoolTime.Input(clock.GetUtcNow(), calendar.TimeZone)), posted: false, ct))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string step, long version, CancellationToken ct)
    {
        if (!await LoadAsync(id, step, FormValues.From(Request.Form), posted: true, ct))
        {
            return NotFound();
        }

        if (_lookUpErrors is { } found)
        {
            Errors = this.ShowErrors(found, StatusCodes.Status400BadRequest);
            return Page();
        }

        var prepared = Form.Prepare(Values, _context);
        var outcome = prepared.Decide is { } decide
            ? await ConcernCommands.ExecuteAsync(writer, HttpContext, id, version, decide, clock, ct, prepared.Alongside)
            : new CommandOutcome(null, prepared.Problem);
        if (outcome.Problem is { } problem)
        {
            if (problem.Status == StatusCodes.Status404NotFound)
            {
                return NotFound();
            }

            Errors = this.ShowErrors(FormErrors.From(problem, Fields[0].Name), problem.Status ?? StatusCodes.Status400BadRequest);
            return Page();
        }

        return Redirect($"/cases/{id}?done={Form.Slug}");
    }

    private FormContext _context = null!;

    private FormErrors? _lookUpErrors;

    /// <summary>
    /// The case and the form, offered only when the person may give this command on this case now
    /// (<see cref="CaseActions.OfferedTo"/>, the list the case page offers) and reads more than its status: anyone else
    /// is told the page was not found, so a form never shows what its reader may not read. Then the form's own look-up.
    /// </summary>
    private async Task<bool> LoadAsync(Guid id, string step, FormValues values, bool posted, CancellationToken ct)
    {
        var concern = await reader.LoadAsync<Concern>(id, ct);
        var actor = new WebUser(User).Actor;
        var now = clock.GetUtcNow();
        if (concern is null || CaseActionForms.BySlug(step) is not { } form
            || CaseAccess.ReadLevelFor(actor, concern) is not ({ } level and (ReadLevel.ChildSide or ReadLevel.Full))
            || !CaseActions.OfferedTo(actor, concern, now).Contains(form.Action))
        {
            return false;
        }

        Concern = concern;
        Form = form;
        var names = await PeopleNames.LoadAsync(reader, concern.Subjects.Select(s => s.MisRef), ct);
        var context = new FormContext(concern, actor, school, calendar.TimeZone, window, names) { Level = level };
        var found = await form.LookUpAsync(new FormLookUpRequest(reader, context, values, posted, calendar.LocalDate(now)), ct);
        _context = found.Context;
        _lookUpErrors = found.Errors;
        Values = found.Values;
        Fields = form.Fields(_context);
        return true;
    }

    public string VersionText => Concern.Version.ToString(CultureInfo.InvariantCulture);
}
