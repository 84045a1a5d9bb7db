using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Subjects;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Subjects;

/// <param name="UnlistedRef">The reference the service gave someone named on the case by name (<c>unlisted-…</c>).</param>
/// <param name="MisRef">Who they are in the directory.</param>
public sealed record IdentifySubjectRequest(string? UnlistedRef, string? MisRef, DateTimeOffset? OccurredAt);

public static class IdentifySubjectEndpoint
{
    public static ProblemDetails Validate(IdentifySubjectRequest request, OccurrenceWindow window) =>
        new RequestValidation(window)
            .Text("unlistedRef", request.UnlistedRef, RequestValidation.MisRefLength)
            .Text("misRef", request.MisRef, RequestValidation.MisRefLength)
            .OccurredAt("occurredAt", request.OccurredAt)
            .ToProblem() ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Match someone named on the case by name (not in the directory then) to a person the directory now lists, on an
    /// open or a closed case: every way they are on the case, and what was recorded for them, moves to their MIS
    /// reference, with the directory's type. Who they turn out to be can change who manages the case.
    /// </summary>
    [WolverinePost("/api/concerns/{id}/identifications", Name = "IdentifySubject"), Tags("Concerns")]
    public static async Task<IResult> Post(Guid id, IdentifySubjectRequest request, IDocumentSession session, HttpContext http, TimeProvider clock,
        SchoolRoles school, CancellationToken ct)
    {
        var (person, unlisted) = await PeopleAsync(session, request.MisRef!, request.UnlistedRef!, ct);
        return await ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, person, concern, actor, now, school), clock, ct,
            (writer, _, now) => RecordIdentified(writer, unlisted, person, now));
    }

    /// <summary>
    /// Who the directory lists under <paramref name="misRef"/> and what was recorded for the person named by name, in one
    /// round trip (the web form loads them the same way); either is null when there is none.
    /// </summary>
    public static async Task<(DirectoryPerson? Listed, UnlistedPerson? Unlisted)> PeopleAsync(IQuerySession session, string misRef, string unlistedRef,
        CancellationToken ct)
    {
        if (misRef.Trim().Length == 0 && unlistedRef.Trim().Length == 0)
        {
            return (null, null);
        }

        var batch = session.CreateBatchQuery();
        var listed = misRef.Trim().Length > 0 ? batch.Load<DirectoryPerson>(DirectoryPerson.KeyFor(misRef)) : Task.FromResult<DirectoryPerson?>(null);
        var named = unlistedRef.Trim().Length > 0 ? batch.Load<UnlistedPerson>(DirectoryPerson.KeyFor(unlistedRef)) : Task.FromResult<UnlistedPerson?>(null);
        await batch.Execute(ct);
        return (await listed, await named);
    }

    /// <summary>The command this request asks for, with the person as the directory lists them (null: not listed).</summary>
    public static Decision Decide(IdentifySubjectRequest request, DirectoryPerson? person, Concern concern, Actor actor, DateTimeOffset now, SchoolRoles school) =>
        IdentifySubjectDecider.Decide(concern,
            new IdentifySubject(request.UnlistedRef!.Trim(), person?.MisRef ?? request.MisRef!.Trim(), person?.Type, request.OccurredAt!.Value, actor,
                Raising.SchoolFacts.With(school, person is null ? [] : [person])),
            RoutingTable.SocialMediaPolicy2021, now);

    /// <summary>The name they were recorded under stays (the history shows it), marked with whom they turned out to be.</summary>
    public static void RecordIdentified(IDocumentSession session, UnlistedPerson? unlisted, DirectoryPerson? person, DateTimeOffset now)
    {
        if (unlisted is not null && person is not null)
        {
            session.Store(unlisted with { IdentifiedAs = person.MisRef, IdentifiedAt = now });
        }
    }
}
