using Incidents.Api.Concerns.Raising;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Identity;
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
    /// Add people to the case by MIS reference. Naming an adult in the school as alleged makes it an allegation for the
    /// headteacher (the chair of governors when the headteacher is alleged).
    /// </summary>
    [WolverinePost("/api/concerns/{id}/subjects", Name = "AddSubjects"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, AddSubjectsRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        SchoolRoles school, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now, school), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(AddSubjectsRequest request, Concern concern, Actor actor, DateTimeOffset now, SchoolRoles school) =>
        AddSubjectsDecider.Decide(concern,
            new AddSubjects(SubjectValidation.ToSubjects(request.Subjects!), request.OccurredAt!.Value, actor, school),
            RoutingTable.SocialMediaPolicy2021, now);
}
