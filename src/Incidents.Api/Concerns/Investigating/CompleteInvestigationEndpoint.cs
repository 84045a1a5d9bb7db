using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Investigating;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Investigating;

public sealed record CompleteInvestigationRequest(string? Findings, InvestigationOutcome? Outcome, DateTimeOffset? OccurredAt);

public static class CompleteInvestigationEndpoint
{
    public static ProblemDetails Validate(CompleteInvestigationRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("findings", request.Findings, RequestValidation.LongText)
            .Required("outcome", request.Outcome)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Findings and outcome: substantiated, unsubstantiated, unfounded, false or malicious.</summary>
    [WolverinePost("/api/concerns/{id}/investigation/complete", Name = "CompleteInvestigation"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, CompleteInvestigationRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(CompleteInvestigationRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        CompleteInvestigationDecider.Decide(concern,
            new CompleteInvestigation(request.Findings!.Trim(), request.Outcome!.Value, request.OccurredAt!.Value, actor), now);
}
