using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Corrections;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Corrections;

/// <param name="AmendsVersion">The entry corrected: its version in the case's history.</param>
public sealed record AmendEntryRequest(long? AmendsVersion, string? Correction, string? Reason, DateTimeOffset? OccurredAt);

public static class AmendEntryEndpoint
{
    public static ProblemDetails Validate(AmendEntryRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Required("amendsVersion", request.AmendsVersion)
            .Text("correction", request.Correction, RequestValidation.LongText)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Correct an earlier entry, with the reason; the original stays in the history.</summary>
    [WolverinePost("/api/concerns/{id}/amendments", Name = "AmendEntry"), Tags("Corrections")]
    public static Task<IResult> Post(Guid id, AmendEntryRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(AmendEntryRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        AmendEntryDecider.Decide(concern,
            new AmendEntry(request.AmendsVersion!.Value, request.Correction!.Trim(), request.Reason!.Trim(), request.OccurredAt!.Value, actor), now);
}
