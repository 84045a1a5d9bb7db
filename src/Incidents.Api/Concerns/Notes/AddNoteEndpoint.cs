using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Notes;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Notes;

public sealed record AddNoteRequest(string? Note, DateTimeOffset? OccurredAt);

public static class AddNoteEndpoint
{
    public static ProblemDetails Validate(AddNoteRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("note", request.Note, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>A chronology note: what happened, when it happened, and (recorded automatically) who wrote it and when.</summary>
    [WolverinePost("/api/concerns/{id}/notes", Name = "AddChronologyNote"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, AddNoteRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(AddNoteRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        AddChronologyNoteDecider.Decide(concern,
            new AddChronologyNote(request.Note!.Trim(), request.OccurredAt!.Value, actor), now);
}
