using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns.Corrections;
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
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => WithdrawConcernDecider.Decide(concern,
            new WithdrawConcern(request.Reason!.Trim(), request.OccurredAt!.Value, actor), now), clock, ct);
}
