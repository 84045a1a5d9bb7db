using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Triaging;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Triaging;

/// <param name="ReviewBy">Required when the decision is <c>monitor</c>: the date the case is reviewed by (it shows on the work queue).</param>
public sealed record TriageRequest(RiskLevel? Risk, TriageDecision? Decision, string? Rationale, DateTimeOffset? OccurredAt, DateOnly? ReviewBy = null);

public static class TriageEndpoint
{
    public static ProblemDetails Validate(TriageRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Required("risk", request.Risk)
            .Required("decision", request.Decision)
            .Text("rationale", request.Rationale, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// The lead triages: risk level and the decision to investigate, monitor (with a review date) or take no further
    /// action. Triaging again reviews a monitored case, or moves it to investigation.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/triage", Name = "TriageConcern"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, TriageRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(TriageRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        TriageConcernDecider.Decide(concern,
            new TriageConcern(request.Risk!.Value, request.Decision!.Value, request.Rationale!.Trim(), request.OccurredAt!.Value, actor, request.ReviewBy), now);
}
