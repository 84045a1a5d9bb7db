using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Referring;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Referring;

public sealed record ReferralDecisionRequest(ReferralDecisionKind? Decision, string? Rationale, DateTimeOffset? OccurredAt);

public static class ReferralDecisionEndpoint
{
    public static ProblemDetails Validate(ReferralDecisionRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Required("decision", request.Decision)
            .Text("rationale", request.Rationale, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>The decision to refer to an agency or not, always with a rationale.</summary>
    [WolverinePost("/api/concerns/{id}/referral-decision", Name = "RecordReferralDecision"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, ReferralDecisionRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ReferralDecisionRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        RecordReferralDecisionDecider.Decide(concern,
            new RecordReferralDecision(request.Decision!.Value, request.Rationale!.Trim(), request.OccurredAt!.Value, actor), now);
}
