using Incidents.Api.Concerns;
using Incidents.Api.Concerns.LowLevel;
using Incidents.Api.Concerns.Raising;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.PeopleDirectory.Searching;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Wolverine.Http;

namespace Incidents.Api.Web.Pages.Concerns;

/// <summary>
/// Record a concern: a short form in plain words, from a phone as well as a desktop. It is the API's raise: the same
/// request type and validation, the same decider and routing table.
/// </summary>
public sealed class RaiseModel(IDocumentSession session, SchoolCalendar calendar, SchoolRoles school, LowLevelPatternSettings patterns, OccurrenceWindow window, TimeProvider clock) : PageModel
{
    /// <summary>Rows for the people involved; a row left empty is ignored.</summary>
    public const int PeopleRows = 3;

    public FormValues Values { get; private set; } = FormValues.Empty;

    public FormErrors Errors { get; private set; } = FormErrors.None;

    public static readonly FormField Kind = new("kind", "What is the concern about?", FieldKind.Radios,
        Choices: FormField.EnumChoices<ConcernKind>(Words.Kind, Words.KindHint));

    public static readonly FormField Summary = new("summary", "What happened", FieldKind.LongText,
        "Say what you saw or were told, in the words used. Do not copy, save or forward any image.");

    public static readonly FormField When = new("occurredAt", "When did it happen?", FieldKind.When, "Your best estimate if you are not sure.");

    public static FormField Person(int i) => new($"subjects[{i}].misRef", $"Person {i + 1}: name or MIS reference", FieldKind.Text,
        i == 0 ? "For example Amelia Clarke, or L-1001. The school's directory finds them." : null, Optional: i > 0);

    /// <summary>When a name matches more than one person in the directory: which one.</summary>
    public FormField? Choice(int i) => _choices.TryGetValue(i, out var matches)
        ? new($"subjects[{i}].choice", $"Which {Values.Get(Person(i).Name).Trim()}?", FieldKind.Radios, Choices: matches)
        : null;

    /// <summary>Who someone is who is not in the directory; giving it names them by name, without looking them up.</summary>
    public static FormField Description(int i) => new($"subjects[{i}].description", "If they are not in the school's directory: who they are", FieldKind.Text,
        "For example: parent of a Year 5 pupil, visitor on the trip, child at another school. Give their name above.", Optional: true);

    /// <summary>Whether row <paramref name="i"/>'s "not in the directory" part is open: it was filled in, or has a problem.</summary>
    public bool Describing(int i) => Values.Get(Description(i).Name).Trim().Length > 0 || Errors.For(Description(i).Name) is not null;

    // Not shown: the name above goes to the request as the name of someone not in the directory.
    private static FormField UnlistedName(int i) => new($"subjects[{i}].name", "", FieldKind.Text, Optional: true);

    private readonly HashSet<int> _unlisted = [];

    public static FormField PersonType(int i) => new($"subjects[{i}].type", "Who they are", FieldKind.Radios,
        "Leave it for someone found in the directory.", FormField.EnumChoices<PersonType>(Words.PersonType), Optional: true);

    private readonly Dictionary<int, IReadOnlyList<Choice>> _choices = [];

    public static FormField Involvement(int i) => new($"subjects[{i}].involvement", "How they are involved", FieldKind.Radios,
        Choices: FormField.EnumChoices<Involvement>(Words.Involvement));

    public void OnGet() => Values = FormValues.Empty.With(When.Name, SchoolTime.Input(clock.GetUtcNow(), calendar.TimeZone));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Values = FormValues.From(Request.Form);
        var rows = Enumerable.Range(0, PeopleRows).Where(i => i == 0 || Values.Get(Person(i).Name).Trim().Length > 0).ToList();
        var unresolved = await FindPeopleAsync(rows, ct);
        var fields = new List<FormField> { Kind, Summary, When };
        fields.AddRange(rows.SelectMany(i => new[] { Person(i), Description(i), UnlistedName(i), PersonType(i), Involvement(i) }));
        var named = _unlisted.Aggregate(Values, (values, i) => values.With(UnlistedName(i).Name, Values.Get(Person(i).Name).Trim()).With(Person(i).Name, ""));
        var (request, problem) = FormBinding.Bind<RaiseConcernRequest>(fields, named, calendar.TimeZone);
        if (request is not null)
        {
            var validation = RaiseConcernEndpoint.Validate(request, HttpContext, window);
            problem = ReferenceEquals(validation, WolverineContinue.NoProblems) ? null : validation;
        }

        if (unresolved.Any)
        {
            Errors = this.ShowErrors(FormErrors.Many([.. problem is null ? [] : Linked(FormErrors.From(problem, Kind.Name)).Items, .. unresolved.Items]), StatusCodes.Status400BadRequest);
            return Page();
        }

        if (problem is null)
        {
            var actor = new WebUser(User).Actor;
            var listed = await SchoolFacts.ListedAsync(session, request!.Subjects!.Select(s => s.MisRef), ct);
            var earlierLowLevel = await EarlierLowLevelConcerns.ForAsync(session, request.Kind, request.OccurredAt, patterns, ct);
            var (command, decision) = RaiseConcernEndpoint.Decide(request, actor, school, listed, clock.GetUtcNow(), earlierLowLevel, patterns);
            if (decision.Violation is null)
            {
                EventMetadata.StampPage(session, HttpContext, actor);
                session.Events.StartStream<Concern>(command.ConcernId, decision.Events.ToArray());
                RaiseConcernEndpoint.NameUnlisted(session, request!, command, clock.GetUtcNow());
                await session.SaveChangesAsync(ct);
                return Redirect($"/concerns/mine?raised={command.ConcernId}");
            }

            problem = decision.Violation.ToProblemDetails(Request.Path);
        }

        Errors = this.ShowErrors(Linked(FormErrors.From(problem, Kind.Name)), problem.Status ?? StatusCodes.Status400BadRequest);
        return Page();
    }

    /// <summary>Problems with the list of people, or with a name given for someone not in the directory, shown at the name.</summary>
    private static FormErrors Linked(FormErrors errors) => Enumerable.Range(0, PeopleRows)
        .Aggregate(errors.Linking("subjects", Person(0).Name), (e, i) => e.Linking(UnlistedName(i).Name, Person(i).Name));

    /// <summary>
    /// Each person named by name or reference, found in the directory (<see cref="PersonFinder"/>); someone described as
    /// not in the directory is named by name, not looked up.
    /// </summary>
    private async Task<FormErrors> FindPeopleAsync(IReadOnlyList<int> rows, CancellationToken ct)
    {
        var problems = new List<(string Field, string Message)>();
        var today = calendar.LocalDate(clock.GetUtcNow());
        foreach (var i in rows)
        {
            var field = Person(i).Name;
            var text = Values.Get(field).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (Values.Get(Description(i).Name).Trim().Length > 0)
            {
                _unlisted.Add(i);
                continue;
            }

            var found = await PersonFinder.FindAsync(session, Values, field, $"subjects[{i}].choice", $"subjects[{i}].type", today, ct);
            Values = found.Values;
            if (found.Choices.Count > 0)
            {
                _choices[i] = found.Choices;
            }

            if (found.Problem is { } problem)
            {
                problems.Add((found.Choices.Count > 0 ? $"subjects[{i}].choice" : field, problem));
            }
        }

        return problems.Count == 0 ? FormErrors.None : FormErrors.Many(problems);
    }
}
