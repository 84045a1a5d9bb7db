using Incidents.Api.Concerns.Raising;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Corrections;

public sealed record RemoveSubjectRequest(SubjectRequest? Subject, string? Reason, DateTimeOffset? OccurredAt);

public static class RemoveSubjectEndpoint
{
    public static ProblemDetails Validate(RemoveSubjectRequest request, OccurrenceWindow window)
    {
        var validation = new RequestValidation(window)
            .When(request.Subject is null, "subject", "The subject to remove (misRef, type, involvement) is required.")
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt);
        SubjectValidation.Check(validation, "subject", request.Subject is null ? [] : [request.Subject]);
        validation.When(request.Subject is { Name: not null } or { Description: not null }, "subject.misRef",
            "A subject is removed by the reference the case shows (someone named by name has one starting 'unlisted-').");
        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Take a subject added in error off the case: their chronology no longer shows it, and the history keeps the
    /// removal and who made it. Removing the alleged adult can change who manages the case.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/subject-removals", Name = "RemoveSubject"), Tags("Corrections")]
    public static Task<IResult> Post(Guid id, RemoveSubjectRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        SchoolRoles school, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now, school), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(RemoveSubjectRequest request, Concern concern, Actor actor, DateTimeOffset now, SchoolRoles school) =>
        AddSubjectsDecider.Decide(concern,
            new RemoveSubject(new Subject(request.Subject!.MisRef!.Trim(), request.Subject.Type!.Value, request.Subject.Involvement!.Value), request.Reason!.Trim(), request.OccurredAt!.Value, actor, school),
            RoutingTable.SocialMediaPolicy2021, now);
}
