using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Allegations;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Allegations;

/// <param name="MisRef">The appointed case manager's MIS reference: an adult of the school in the directory, not on the case.</param>
/// <param name="AppointedBy">Who appointed them: the LADO (which officer) or the governing body.</param>
/// <param name="Reason">What was decided, and why this person.</param>
public sealed record AppointCaseManagerRequest(string? MisRef, string? AppointedBy, string? Reason, DateTimeOffset? OccurredAt);

public static class AppointCaseManagerEndpoint
{
    public static ProblemDetails Validate(AppointCaseManagerRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("misRef", request.MisRef, RequestValidation.MisRefLength)
            .Text("appointedBy", request.AppointedBy, RequestValidation.ShortText)
            .Text("reason", request.Reason, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// An allegation gone to the LADO directly (the headteacher and the chair both on it, no vice-chair): the DSL or a
    /// deputy records the case manager the LADO or the governing body appointed (KCSIE Part 4), an adult of the school in
    /// the directory who is not on the case. That person then manages the case: it is on their work queue, they read
    /// it in full, act on it and close it.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/case-manager", Name = "AppointCaseManager"), Tags("Allegations")]
    public static async Task<IResult> Post(Guid id, AppointCaseManagerRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        CancellationToken ct)
    {
        var listed = await ListedAsync(session, request.MisRef!, ct);
        return await ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, listed, concern, actor, now), clock, ct);
    }

    /// <summary>Who the directory lists under the reference given (the web form loads them the same way).</summary>
    public static Task<DirectoryPerson?> ListedAsync(IQuerySession session, string misRef, CancellationToken ct) =>
        misRef.Trim().Length == 0 ? Task.FromResult<DirectoryPerson?>(null) : session.LoadAsync<DirectoryPerson>(DirectoryPerson.KeyFor(misRef), ct);

    /// <summary>The command this request asks for, with the appointee as the directory lists them (null: not listed).</summary>
    public static Decision Decide(AppointCaseManagerRequest request, DirectoryPerson? listed, Concern concern, Actor actor, DateTimeOffset now) =>
        AppointCaseManagerDecider.Decide(concern,
            new AppointCaseManager(request.MisRef!.Trim(), listed, request.AppointedBy!.Trim(), request.Reason!.Trim(), request.OccurredAt!.Value, actor), now);
}
