using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Escalating;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Escalating;

/// <param name="OccurredAt">When the advice was received.</param>
public sealed record RecordAdviceRequest(string? Adviser, string? Summary, DateTimeOffset? OccurredAt);

public static class RecordAdviceEndpoint
{
    public static ProblemDetails Validate(RecordAdviceRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("adviser", request.Adviser, RequestValidation.ShortText)
            .Text("summary", request.Summary, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Records the advice received for an escalation: adviser, date and summary.</summary>
    [WolverinePost("/api/concerns/{id}/escalations/{escalationId}/advice", Name = "RecordAdvice"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, Guid escalationId, RecordAdviceRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now, escalationId), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(RecordAdviceRequest request, Concern concern, Actor actor, DateTimeOffset now, Guid escalationId) =>
        RecordAdviceDecider.Decide(concern,
            new RecordAdvice(escalationId, request.Adviser!.Trim(), request.Summary!.Trim(), request.OccurredAt!.Value, actor), now);
}
