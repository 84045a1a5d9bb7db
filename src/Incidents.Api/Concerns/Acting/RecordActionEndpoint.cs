using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Acting;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Acting;

/// <param name="Details">What was done; for <c>parents-not-informed</c>, the reason why not.</param>
public sealed record RecordActionRequest(ActionType? Type, SanctionKind? Sanction, string? SubjectMisRef, string? Details, DateTimeOffset? OccurredAt);

public static class RecordActionEndpoint
{
    public static ProblemDetails Validate(RecordActionRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Required("type", request.Type)
            .When(request.Type == ActionType.SanctionApplied && request.Sanction is null, "sanction",
                "A sanction must be learner-behaviour-sanction or staff-disciplinary.")
            .Text("subjectMisRef", request.SubjectMisRef, RequestValidation.MisRefLength, required: false)
            .Text("details", request.Details, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>An action taken: sanction, pastoral or welfare support, internet access removed, parents/carers informed or not (with the reason).</summary>
    [WolverinePost("/api/concerns/{id}/actions", Name = "RecordAction"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, RecordActionRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(RecordActionRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        RecordActionDecider.Decide(concern,
            new RecordAction(request.Type!.Value, request.Sanction, request.SubjectMisRef?.Trim(), request.Details!.Trim(), request.OccurredAt!.Value, actor), now);
}
