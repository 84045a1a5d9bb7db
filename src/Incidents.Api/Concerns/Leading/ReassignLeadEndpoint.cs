using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Leading;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Leading;

public sealed record AssigneeRequest(string? Id, string? Name);

/// <param name="Assignee">The named person, e.g. a deputy DSL; optional.</param>
public sealed record ReassignLeadRequest(LeadRole? Lead, AssigneeRequest? Assignee, string? Reason, DateTimeOffset? OccurredAt);

public static class ReassignLeadEndpoint
{
    public static ProblemDetails Validate(ReassignLeadRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Required("lead", request.Lead)
            .Text("assignee.id", request.Assignee?.Id, RequestValidation.MisRefLength, required: request.Assignee is not null)
            .Text("assignee.name", request.Assignee?.Name, RequestValidation.ShortText, required: request.Assignee is not null)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>Hand the case to another lead the policy allows for its kind (e.g. a deputy DSL).</summary>
    [WolverinePost("/api/concerns/{id}/lead", Name = "ReassignLead"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, ReassignLeadRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(ReassignLeadRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        ReassignLeadDecider.Decide(concern,
            new ReassignLead(request.Lead!.Value,
                request.Assignee is { } a ? new PersonRef(a.Id!.Trim(), a.Name!.Trim()) : null,
                request.Reason!.Trim(), request.OccurredAt!.Value, actor), now);
}
