using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Closing;

/// <param name="Rationale">Required when the concern was not investigated (closing as no further action).</param>
public sealed record CloseRequest(string? Rationale, DateTimeOffset? OccurredAt);

public static class CloseEndpoint
{
    public static ProblemDetails Validate(CloseRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("rationale", request.Rationale, RequestValidation.LongText, required: false)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Close the concern once every step the policy requires is on record (422 with the rule otherwise).</summary>
    [WolverinePost("/api/concerns/{id}/close", Name = "CloseConcern"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, CloseRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(CloseRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        CloseConcernDecider.Decide(concern,
            new CloseConcern(request.Rationale, request.OccurredAt!.Value, actor), now);
}
