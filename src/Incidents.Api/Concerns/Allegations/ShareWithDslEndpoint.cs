using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Allegations;

public sealed record ShareWithDslRequest(string? Reason, DateTimeOffset? OccurredAt);

public static class ShareWithDslEndpoint
{
    public static ProblemDetails Validate(ShareWithDslRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Allegations: the case manager shares the allegation's detail with the DSL, who otherwise sees the child's side only.</summary>
    [WolverinePost("/api/concerns/{id}/share-with-dsl", Name = "ShareAllegationWithDsl"), Tags("Allegations")]
    public static Task<IResult> Post(Guid id, ShareWithDslRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ShareWithDslRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        ShareWithDslDecider.Decide(concern,
            new ShareWithDsl(request.Reason!.Trim(), request.OccurredAt!.Value, actor), now);
}
