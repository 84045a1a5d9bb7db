using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Allegations;

/// <param name="Officer">The LADO spoken to.</param>
/// <param name="Advice">What was discussed and advised.</param>
public sealed record ConsultLadoRequest(string? Officer, string? Advice, DateTimeOffset? OccurredAt);

public static class ConsultLadoEndpoint
{
    public static ProblemDetails Validate(ConsultLadoRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("officer", request.Officer, RequestValidation.ShortText)
            .Text("advice", request.Advice, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Allegations: the case manager discussed the allegation with the LADO (due within one working day of the raise).</summary>
    [WolverinePost("/api/concerns/{id}/lado-consultation", Name = "ConsultLado"), Tags("Allegations")]
    public static Task<IResult> Post(Guid id, ConsultLadoRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ConsultLadoRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        ConsultLadoDecider.Decide(concern,
            new ConsultLado(request.Officer!.Trim(), request.Advice!.Trim(), request.OccurredAt!.Value, actor), now);
}
