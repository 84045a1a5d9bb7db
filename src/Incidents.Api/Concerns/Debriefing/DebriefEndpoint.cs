using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Debriefing;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Debriefing;

public sealed record AttendeeRequest(string? Id, string? Name);

public sealed record ProposedChangeRequest(ProposedChangeKind? Kind, string? Change, string? Owner);

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
                .Text($"proposedChanges[{i}].owner", change?.Owner, RequestValidation.ShortText);
        }

        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>Section 8: after the investigation, leadership debrief, identify lessons learnt and propose policy or curriculum changes, each with an owner.</summary>
    [WolverinePost("/api/concerns/{id}/debrief", Name = "RecordDebrief"), Tags("Concerns")]
    public static Task<IResult> Post(Guid id, DebriefRequest request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        ConcernCommands.Execute(session, http, id, request, (concern, actor, now) => Decide(request, concern, actor, now), clock, ct);

    /// <summary>The command this request asks for, decided by the domain (the web pages give the same one).</summary>
    public static Decision Decide(DebriefRequest request, Concern concern, Actor actor, DateTimeOffset now) =>
        RecordDebriefDecider.Decide(concern,
            new RecordDebrief(
                request.Attendees!.Select(a => new PersonRef(a.Id!.Trim(), a.Name!.Trim())).ToList(),
                request.LessonsLearnt!.Select(l => l.Trim()).ToList(),
                (request.ProposedChanges ?? []).Select(c => new ProposedChange(c.Kind!.Value, c.Change!.Trim(), c.Owner!.Trim())).ToList(),
                request.OccurredAt!.Value,
                actor), now);
}
