using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Debriefing;

/// <param name="WhatWasDone">What was done to make the change, phrased without naming anyone: governors read it.</param>
/// <param name="OccurredAt">When it was done.</param>
public sealed record MarkDebriefChangeDoneRequest(string? WhatWasDone, DateTimeOffset? OccurredAt);

public static class MarkDebriefChangeDoneEndpoint
{
    public static ProblemDetails Validate(MarkDebriefChangeDoneRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("whatWasDone", request.WhatWasDone, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Record that a change agreed at a debrief was made, with what was done and when: by its owner (who need not be able
    /// to read the case) or the case's manager; on an open or a closed case. Answers the change.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/debrief-changes/{number}/done", Name = "MarkDebriefChangeDone"), Tags("Debrief changes")]
    [ProducesResponseType<DebriefChangeView>(StatusCodes.Status200OK)]
    public static Task<IResult> Post(Guid id, int number, MarkDebriefChangeDoneRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, number, concern, actor, now), clock, ct,
            known: DebriefChangeView.AnswerFor(number));

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(MarkDebriefChangeDoneRequest request, int number, Concern concern, Actor actor, DateTimeOffset now) =>
        MarkDebriefChangeDoneDecider.Decide(concern, new MarkDebriefChangeDone(number, request.WhatWasDone!.Trim(), request.OccurredAt!.Value, actor), now);
}
