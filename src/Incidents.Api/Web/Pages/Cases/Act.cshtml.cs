using System.Globalization;
using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns;
using Incidents.Api.Concerns.Corrections;
using Incidents.Api.Concerns.Raising;
using Incidents.Api.Concerns.Subjects;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.PeopleDirectory;
using Incidents.Api.PeopleDirectory.Searching;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.PeopleDirectory;
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
        if (!await LoadAsync(id, step, ct))
        {
            return NotFound();
        }

        Values = FormValues.Empty.With("occurredAt", SchoolTime.Input(clock.GetUtcNow(), calendar.TimeZone));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string step, long version, CancellationToken ct)
    {
        if (!await LoadAsync(id, step, ct))
        {
            return NotFound();
        }

        Values = FormValues.From(Request.Form);
        if (Form.Action == CaseAction.AddSubjects && await FindPersonAsync(ct) is { } unresolved)
        {
            Fields = Form.Fields(Context());
            Errors = this.ShowErrors(unresolved, StatusCodes.Status400BadRequest);
            return Page();
        }

        var context = Context();
        if (Form.Action == CaseAction.AddSubjects)
        {
            context = context with { ListedPeople = await SchoolFacts.ListedAsync(reader, [Values.Get("subjects[0].misRef")], ct) };
        }

        if (Form.Action == CaseAction.IdentifySubject)
        {
            // As the API's endpoint does: who the directory lists under the reference given, and who was named by name.
            var misRef = Values.Get("misRef").Trim() is { Length: > 0 } given ? given : Values.Get(CaseActionForms.Candidate).Trim();
            var (listed, unlisted) = await IdentifySubjectEndpoint.PeopleAsync(reader, misRef, Values.Get("unlistedRef"), ct);
            context = context with { Listed = listed, Unlisted = unlisted };
        }

        if (Form.Action == CaseAction.Withdraw)
        {
            // As the API's endpoint does: the case given as the one this duplicates.
            context = context with { Duplicate = await WithdrawEndpoint.DuplicateAsync(reader, CaseActionForms.DuplicateOf(Values), ct) };
        }

        var prepared = Form.Prepare(Values, context);
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

    private PeopleNames _names = PeopleNames.None;

    private IReadOnlyList<Choice> _candidates = [];

    private FormContext Context() => new(Concern, new WebUser(User).Actor, school, calendar.TimeZone, window, _names) { Candidates = _candidates };

    /// <summary>The case and the form, offered only when the person may give this command on this case now.</summary>
    private async Task<bool> LoadAsync(Guid id, string step, CancellationToken ct)
    {
        var concern = await reader.LoadAsync<Concern>(id, ct);
        var actor = new WebUser(User).Actor;
        if (concern is null || CaseActionForms.BySlug(step) is not { } form || CaseAccess.ReadLevelFor(actor, concern) is ReadLevel.None or ReadLevel.Sync)
        {
            return false;
        }

        Concern = concern;
        Form = form;
        _names = await PeopleNames.LoadAsync(reader, concern.Subjects.Select(s => s.MisRef), ct);
        if (form.Action == CaseAction.IdentifySubject)
        {
            _candidates = await CandidatesAsync(concern, ct);
        }

        Fields = form.Fields(Context());
        return true;
    }

    /// <summary>
    /// The person the add-person form names by name or reference, found in the directory as the raise form finds them
    /// (<see cref="PersonFinder"/>); null when found, taken as given, or named by name as someone not in it.
    /// </summary>
    private async Task<FormErrors?> FindPersonAsync(CancellationToken ct)
    {
        const string field = "subjects[0].misRef";
        if (Values.Get(field).Trim().Length == 0 || Values.Get("subjects[0].name").Trim().Length > 0)
        {
            return null; // someone not in the directory, or nobody named: the API's validation says which
        }

        var found = await PersonFinder.FindAsync(reader, Values, field, CaseActionForms.Candidate, "subjects[0].type", calendar.LocalDate(clock.GetUtcNow()), ct);
        Values = found.Values;
        _candidates = found.Choices;
        return found.Problem is { } problem ? FormErrors.Single(found.Choices.Count > 0 ? CaseActionForms.Candidate : field, problem) : null;
    }

    /// <summary>
    /// Directory people named like those named by name on the case (the directory's own search, which says nothing
    /// about cases), so the DSL picks a name rather than looking up a reference.
    /// </summary>
    private async Task<IReadOnlyList<Choice>> CandidatesAsync(Concern concern, CancellationToken ct)
    {
        var keys = concern.Subjects.Where(s => s.IsUnlisted).Select(s => DirectoryPerson.KeyFor(s.MisRef)).Distinct().ToArray();
        var named = await reader.LoadManyAsync<UnlistedPerson>(ct, keys);
        var today = calendar.LocalDate(clock.GetUtcNow());
        var found = new List<Choice>();
        foreach (var person in named)
        {
            found.AddRange((await DirectorySearch.FindAsync(reader, person.Name, null, 10, today, ct)).Select(Words.Match));
        }

        return found.DistinctBy(c => c.Value).ToList();
    }

    public string VersionText => Concern.Version.ToString(CultureInfo.InvariantCulture);
}
