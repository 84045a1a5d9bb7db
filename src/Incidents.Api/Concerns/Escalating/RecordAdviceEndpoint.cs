using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns.Escalating;
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
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => RecordAdviceDecider.Decide(concern,
            new RecordAdvice(escalationId, request.Adviser!.Trim(), request.Summary!.Trim(), request.OccurredAt!.Value, actor), now), clock, ct);
}
