using Incidents.Api.Concerns.Raising;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Subjects;

public sealed record AddSubjectsRequest(IReadOnlyList<SubjectRequest>? Subjects, DateTimeOffset? OccurredAt);

public static class AddSubjectsEndpoint
{
    public static ProblemDetails Validate(AddSubjectsRequest request, OccurrenceWindow window)
    {
        var validation = new RequestValidation(window)
            .When(request.Subjects is not { Count: > 0 and <= RaiseConcernEndpoint.MaxSubjects }, "subjects",
                $"Between 1 and {RaiseConcernEndpoint.MaxSubjects} subjects.")
            .OccurredAt("occurredAt", request.OccurredAt);
        SubjectValidation.Check(validation, "subjects", request.Subjects);
        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Add people to the case: someone in the directory by MIS reference, someone who is not by name and description
    /// (the answer gives them a reference starting <c>unlisted-</c>; add them again in another way by that reference).
    /// Naming an adult in the school as alleged makes it an allegation for the headteacher (the chair of governors when
    /// the headteacher is alleged).
    /// </summary>
    [WolverinePost("/api/concerns/{id}/subjects", Name = "AddSubjects"), Tags("Concerns")]
    public static async Task<IResult> Post(Guid id, AddSubjectsRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        SchoolRoles school, CancellationToken ct)
    {
        var listed = await SchoolFacts.ListedAsync(session, request.Subjects!.Select(s => s.MisRef), ct);
        return await ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, listed, concern, actor, now, school), clock, ct,
            (writer, concern, now) => NameUnlisted(writer, request, concern, now));
    }

    /// <summary>
    /// The command this request asks for, decided by the domain (the web pages give the same one), with what the directory
    /// lists for the people it names (<see cref="SchoolFacts.ListedAsync"/>).
    /// </summary>
    public static Decision Decide(AddSubjectsRequest request, IReadOnlyCollection<DirectoryPerson> listed, Concern concern, Actor actor, DateTimeOffset now,
        SchoolRoles school)
    {
        var named = NamedSubjects.From(request.Subjects!, concern.Id, concern.Version, concern);
        return named.Violation ?? AddSubjectsDecider.Decide(concern,
            new AddSubjects(named.Subjects, request.OccurredAt!.Value, actor, SchoolFacts.With(school, listed)), RoutingTable.SocialMediaPolicy2021, now);
    }

    /// <summary>Keeps the names of the people the accepted command named by name, in its transaction.</summary>
    public static void NameUnlisted(IDocumentSession session, AddSubjectsRequest request, Concern concern, DateTimeOffset now) =>
        NamedSubjects.From(request.Subjects!, concern.Id, concern.Version, concern).Store(session, now);
}
