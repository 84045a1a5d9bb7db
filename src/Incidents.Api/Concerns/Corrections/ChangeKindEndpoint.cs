using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Corrections;

/// <param name="Kind">The kind the concern turned out to be.</param>
/// <param name="Reason">Why: what was found.</param>
public sealed record ChangeKindRequest(ConcernKind? Kind, string? Reason, DateTimeOffset? OccurredAt);

public static class ChangeKindEndpoint
{
    public static ProblemDetails Validate(ChangeKindRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Required("kind", request.Kind)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Change an open concern's kind, with the reason (nudes found in a case raised as cyberbullying, say): the route
    /// follows the new kind (what must be recorded before it closes, who leads it), and the case keeps its policy version.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/kind", Name = "ChangeConcernKind"), Tags("Corrections")]
    public static Task<IResult> Post(Guid id, ChangeKindRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        SchoolRoles school, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now, school), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ChangeKindRequest request, Concern concern, Actor actor, DateTimeOffset now, SchoolRoles school) =>
        ChangeConcernKindDecider.Decide(concern,
            new ChangeConcernKind(request.Kind!.Value, request.Reason!.Trim(), request.OccurredAt!.Value, actor, school),
            RoutingTable.SocialMediaPolicy2021, now);
}
