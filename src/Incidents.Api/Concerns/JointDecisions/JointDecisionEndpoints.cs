using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.JointDecisions;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.JointDecisions;

public sealed record ProposeJointDecisionRequest(string? Decision, DateTimeOffset? OccurredAt);

public sealed record AgreeJointDecisionRequest(DateTimeOffset? OccurredAt);

public static class ProposeJointDecisionEndpoint
{
    public static ProblemDetails Validate(ProposeJointDecisionRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("decision", request.Decision, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Section 4.2: the DSL or the headteacher records the decision and advice on a pre-existing relationship.</summary>
    [WolverinePost("/api/concerns/{id}/joint-decision", Name = "ProposeJointDecision"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, ProposeJointDecisionRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ProposeJointDecisionRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        JointDecisionDecider.Decide(concern,
            new ProposeJointDecision(Guid.CreateVersion7(), request.Decision!.Trim(), request.OccurredAt!.Value, actor), now);
}

public static class AgreeJointDecisionEndpoint
{
    public static ProblemDetails Validate(AgreeJointDecisionRequest request, OccurrenceWindow window) =>
        new RequestValidation(window).OccurredAt("occurredAt", request.OccurredAt).ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>The other of the DSL and the headteacher agrees, making it a joint decision.</summary>
    [WolverinePost("/api/concerns/{id}/joint-decision/{decisionId}/agree", Name = "AgreeJointDecision"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, Guid decisionId, AgreeJointDecisionRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now, decisionId), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(AgreeJointDecisionRequest request, Concern concern, Actor actor, DateTimeOffset now, Guid decisionId) =>
        JointDecisionDecider.Decide(concern,
            new AgreeJointDecision(decisionId, request.OccurredAt!.Value, actor), now);
}
