using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Closing;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Closing;

public sealed record ReopenRequest(string? Reason, DateTimeOffset? OccurredAt);

public static class ReopenEndpoint
{
    public static ProblemDetails Validate(ReopenRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>New information arrived: reopen a closed concern, which then needs triage again.</summary>
    [WolverinePost("/api/concerns/{id}/reopen", Name = "ReopenConcern"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, ReopenRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ReopenRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        ReopenConcernDecider.Decide(concern,
            new ReopenConcern(request.Reason!.Trim(), request.OccurredAt!.Value, actor), now);
}
