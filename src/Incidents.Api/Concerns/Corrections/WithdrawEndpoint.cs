using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Corrections;

public sealed record WithdrawRequest(string? Reason, DateTimeOffset? OccurredAt);

public static class WithdrawEndpoint
{
    public static ProblemDetails Validate(WithdrawRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Withdraw a concern raised in error: it closes as withdrawn, and its history stays.</summary>
    [WolverinePost("/api/concerns/{id}/withdraw", Name = "WithdrawConcern"), Tags("Corrections")]
    public static Task<IResult> Post(Guid id, WithdrawRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(WithdrawRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        WithdrawConcernDecider.Decide(concern,
            new WithdrawConcern(request.Reason!.Trim(), request.OccurredAt!.Value, actor), now);
}
