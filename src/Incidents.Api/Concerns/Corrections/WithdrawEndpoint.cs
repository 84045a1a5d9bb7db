using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Corrections;

/// <param name="DuplicateOf">
/// For a duplicate: the id of the case it duplicates, which must keep any duty this one still has (an immediate referral,
/// the LADO consultation). Leave it out for a concern raised in error.
/// </param>
public sealed record WithdrawRequest(string? Reason, DateTimeOffset? OccurredAt, Guid? DuplicateOf = null);

public static class WithdrawEndpoint
{
    public static ProblemDetails Validate(WithdrawRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Withdraw a concern raised in error, or a duplicate of another case (<c>duplicateOf</c>): it closes as withdrawn, and
    /// its history stays. Withdrawing skips no duty closing keeps: a concern still owing an immediate referral or an
    /// allegation's LADO consultation is withdrawn only as a duplicate of a case that keeps it.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/withdraw", Name = "WithdrawConcern"), Tags("Corrections")]
    public static async Task<IResult> Post(Guid id, WithdrawRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var duplicate = await DuplicateAsync(session, request.DuplicateOf, ct);
        return await ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, duplicate, concern, actor, now), clock, ct);
    }

    /// <summary>The case given as the duplicate, as stored (the domain decides whether the caller may point to it).</summary>
    public static async Task<DuplicateCase?> DuplicateAsync(IQuerySession session, Guid? duplicateOf, CancellationToken ct) =>
        duplicateOf is { } other ? new DuplicateCase(other, await session.LoadAsync<Concern>(other, ct)) : null;

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(WithdrawRequest request, DuplicateCase? duplicate, Concern concern, Actor actor, DateTimeOffset now) =>
        WithdrawConcernDecider.Decide(concern,
            new WithdrawConcern(request.Reason!.Trim(), request.OccurredAt!.Value, actor, duplicate), now);
}
