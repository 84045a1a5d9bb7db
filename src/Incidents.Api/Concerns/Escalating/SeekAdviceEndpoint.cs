using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Escalating;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Escalating;

/// <param name="Agency">Omit for the Education Safeguarding Service; otherwise the agency's name.</param>
public sealed record SeekAdviceRequest(string? Agency, string? Question, DateTimeOffset? OccurredAt);

public static class SeekAdviceEndpoint
{
    public static ProblemDetails Validate(SeekAdviceRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("agency", request.Agency, RequestValidation.ShortText, required: false)
            .Text("question", request.Question, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Section 8: unsure how to proceed, the DSL, a deputy or the headteacher seeks advice. The case cannot close until it is recorded.</summary>
    [WolverinePost("/api/concerns/{id}/escalations", Name = "SeekAdvice"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, SeekAdviceRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(SeekAdviceRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        SeekAdviceDecider.Decide(concern,
            new SeekAdvice(Guid.CreateVersion7(), request.Agency, request.Question!.Trim(), request.OccurredAt!.Value, actor), now);
}
