using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Debriefing;

/// <param name="OwnerMisRef">Who owns the change: an adult of the school in the directory, by MIS reference.</param>
/// <param name="Owner">Optional: the owner's role as governors read it; the directory's role when absent.</param>
/// <param name="DueBy">The date the change is due.</param>
public sealed record AssignDebriefChangeRequest(string? OwnerMisRef, string? Owner, DateOnly? DueBy, DateTimeOffset? OccurredAt);

public static class AssignDebriefChangeEndpoint
{
    public static ProblemDetails Validate(AssignDebriefChangeRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("ownerMisRef", request.OwnerMisRef, RequestValidation.MisRefLength)
            .Text("owner", request.Owner, RequestValidation.ShortText, required: false)
            .Required("dueBy", request.DueBy)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Give a change agreed at a debrief its owner and due date, or another owner or date: by whoever recorded the debrief,
    /// or the case's manager; on an open or a closed case (the change is the school's). Answers the change.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/debrief-changes/{number}/owner", Name = "AssignDebriefChange"), Tags("Debrief changes")]
    [ProducesResponseType<DebriefChangeView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(Guid id, int number, AssignDebriefChangeRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var listed = await session.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(request.OwnerMisRef!), ct);
        return await ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, number, listed, concern, actor, now), clock, ct,
            known: DebriefChangeView.AnswerFor(number));
    }

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(AssignDebriefChangeRequest request, int number, DirectoryPerson? listed, Concern concern, Actor actor, DateTimeOffset now) =>
        AssignDebriefChangeDecider.Decide(concern,
            new AssignDebriefChange(number, request.OwnerMisRef!.Trim(), listed, request.Owner, request.DueBy!.Value, request.OccurredAt!.Value, actor), now);
}
