using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Debriefing;

public sealed record AttendeeRequest(string? Id, string? Name);

/// <param name="Change">The change as governors will read it: phrased without naming anyone (need to know).</param>
/// <param name="OwnerMisRef">Who owns the change: an adult of the school in the directory, by MIS reference.</param>
/// <param name="Owner">Optional: the owner's role as governors read it (e.g. "PSHE lead"); the directory's role when absent.</param>
/// <param name="DueBy">The date the change is due.</param>
public sealed record ProposedChangeRequest(ProposedChangeKind? Kind, string? Change, string? Owner, string? OwnerMisRef = null, DateOnly? DueBy = null);

public sealed record DebriefRequest(
    IReadOnlyList<AttendeeRequest>? Attendees,
    IReadOnlyList<string>? LessonsLearnt,
    IReadOnlyList<ProposedChangeRequest>? ProposedChanges,
    DateTimeOffset? OccurredAt);

public static class DebriefEndpoint
{
    private const int MaxItems = 50;

    public static ProblemDetails Validate(DebriefRequest request, OccurrenceWindow window)
    {
        var validation = new RequestValidation(window)
            .When(request.Attendees is not { Count: > 0 and <= MaxItems }, "attendees", $"Between 1 and {MaxItems} attendees from leadership.")
            .When(request.LessonsLearnt is not { Count: > 0 and <= MaxItems }, "lessonsLearnt", $"Between 1 and {MaxItems} lessons learnt (section 8).")
            .When(request.ProposedChanges is { Count: > MaxItems }, "proposedChanges", $"At most {MaxItems} proposed changes.")
            .OccurredAt("occurredAt", request.OccurredAt);
        for (var i = 0; i < (request.Attendees?.Count ?? 0); i++)
        {
            validation.Text($"attendees[{i}].id", request.Attendees![i]?.Id, RequestValidation.MisRefLength)
                .Text($"attendees[{i}].name", request.Attendees[i]?.Name, RequestValidation.ShortText);
        }

        for (var i = 0; i < (request.LessonsLearnt?.Count ?? 0); i++)
        {
            validation.Text($"lessonsLearnt[{i}]", request.LessonsLearnt![i], RequestValidation.LongText);
        }

        for (var i = 0; i < (request.ProposedChanges?.Count ?? 0); i++)
        {
            var change = request.ProposedChanges![i];
            validation.Required($"proposedChanges[{i}].kind", change?.Kind)
                .Text($"proposedChanges[{i}].change", change?.Change, RequestValidation.LongText)
                .Text($"proposedChanges[{i}].ownerMisRef", change?.OwnerMisRef, RequestValidation.MisRefLength)
                .Text($"proposedChanges[{i}].owner", change?.Owner, RequestValidation.ShortText, required: false)
                .Required($"proposedChanges[{i}].dueBy", change?.DueBy);
        }

        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>Section 8: after the investigation, leadership debrief, identify lessons learnt and propose policy or curriculum changes, each with an owner.</summary>
    [WolverinePost("/api/concerns/{id}/debrief", Name = "RecordDebrief"), Tags("Concerns")]
    public static async Task<IResult> Post(Guid id, DebriefRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var owners = await OwnersAsync(session, request, ct);
        return await ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, owners, concern, actor, now), clock, ct);
    }

    /// <summary>The owners the changes name, as the directory lists them (the web form loads them the same way).</summary>
    public static async Task<IReadOnlyList<DirectoryPerson>> OwnersAsync(IQuerySession session, DebriefRequest request, CancellationToken ct)
    {
        var keys = (request.ProposedChanges ?? []).Select(c => c.OwnerMisRef).OfType<string>().Where(r => r.Trim().Length > 0)
            .Select(DirectoryPerson.KeyFor).Distinct().ToArray();
        return keys.Length == 0 ? [] : await session.LoadManyAsync<DirectoryPerson>(ct, keys);
    }

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(DebriefRequest request, IReadOnlyList<DirectoryPerson> owners, Concern concern, Actor actor, DateTimeOffset now) =>
        RecordDebriefDecider.Decide(concern,
            new RecordDebrief(
                request.Attendees!.Select(a => new PersonRef(a.Id!.Trim(), a.Name!.Trim())).ToList(),
                request.LessonsLearnt!.Select(l => l.Trim()).ToList(),
                (request.ProposedChanges ?? []).Select(c => Change(c, owners)).ToList(),
                request.OccurredAt!.Value,
                actor)
            { Owners = owners }, now);

    /// <summary>The change with its owner as the directory lists them, and their role there unless the request gives one.</summary>
    private static ProposedChange Change(ProposedChangeRequest c, IReadOnlyList<DirectoryPerson> owners)
    {
        var listed = owners.FirstOrDefault(o => o.Id == DirectoryPerson.KeyFor(c.OwnerMisRef!));
        var role = !string.IsNullOrWhiteSpace(c.Owner) ? c.Owner.Trim() : listed is null ? "" : DebriefChanges.RoleOf(listed);
        var owner = listed is null ? new PersonRef(c.OwnerMisRef!.Trim(), "") : DebriefChanges.OwnerRef(listed);
        return new ProposedChange(c.Kind!.Value, c.Change!.Trim(), role, owner, c.DueBy);
    }
}
