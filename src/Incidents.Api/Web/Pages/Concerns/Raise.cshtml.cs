using Incidents.Api.Concerns;
using Incidents.Api.Concerns.Raising;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Api.Infrastructure.Queries;
using Incidents.Api.Web.Forms;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
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
public sealed class RaiseModel(IDocumentSession session, SchoolCalendar calendar, SchoolRoles school, OccurrenceWindow window, TimeProvider clock) : PageModel
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

    public static FormField Person(int i) => new($"subjects[{i}].misRef", $"Person {i + 1}: MIS reference", FieldKind.Text,
        i == 0 ? "The child's or adult's reference in the school's MIS, for example L-1001." : null, Optional: i > 0);

    public static FormField PersonType(int i) => new($"subjects[{i}].type", "Who they are", FieldKind.Radios,
        Choices: FormField.EnumChoices<PersonType>(Words.PersonType));

    public static FormField Involvement(int i) => new($"subjects[{i}].involvement", "How they are involved", FieldKind.Radios,
        Choices: FormField.EnumChoices<Involvement>(Words.Involvement));

    public void OnGet() => Values = FormValues.Empty.With(When.Name, SchoolTime.Input(clock.GetUtcNow(), calendar.TimeZone));

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Values = FormValues.From(Request.Form);
        var rows = Enumerable.Range(0, PeopleRows).Where(i => i == 0 || Values.Get(Person(i).Name).Trim().Length > 0).ToList();
        var fields = new List<FormField> { Kind, Summary, When };
        fields.AddRange(rows.SelectMany(i => new[] { Person(i), PersonType(i), Involvement(i) }));
        var (request, problem) = FormBinding.Bind<RaiseConcernRequest>(fields, Values, calendar.TimeZone);
        if (request is not null)
        {
            var validation = RaiseConcernEndpoint.Validate(request, HttpContext, window);
            problem = ReferenceEquals(validation, WolverineContinue.NoProblems) ? null : validation;
        }

        if (problem is null)
        {
            var actor = new WebUser(User).Actor;
            var (command, decision) = RaiseConcernEndpoint.Decide(request!, actor, school, clock.GetUtcNow());
            if (decision.Violation is null)
            {
                EventMetadata.StampPage(session, HttpContext, actor);
                session.Events.StartStream<Concern>(command.ConcernId, decision.Events.ToArray());
                await session.SaveChangesAsync(ct);
                return Redirect($"/concerns/mine?raised={command.ConcernId}");
            }

            problem = decision.Violation.ToProblemDetails(Request.Path);
        }

        Errors = FormErrors.From(problem, Kind.Name).Linking("subjects", Person(0).Name);
        ViewData["HasErrors"] = true;
        Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string TypeValue(PersonType type) => EnumNames.Of(type);
}
