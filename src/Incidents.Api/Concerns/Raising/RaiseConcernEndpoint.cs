using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Raising;

public sealed record SubjectRequest(string? MisRef, PersonType? Type, Involvement? Involvement);

/// <param name="OccurredAt">When it happened (may be in the past, never in the future).</param>
public sealed record RaiseConcernRequest(ConcernKind? Kind, string? Summary, IReadOnlyList<SubjectRequest>? Subjects, DateTimeOffset? OccurredAt);

public static class RaiseConcernEndpoint
{
    public const int MaxSubjects = 50;

    public static ProblemDetails Validate(RaiseConcernRequest request, HttpContext http, OccurrenceWindow window)
    {
        var validation = new RequestValidation(window)
            .Required("kind", request.Kind)
            .Text("summary", request.Summary, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .When(request.Subjects is not { Count: > 0 }, "subjects", "At least one subject (by MIS reference) is required.")
            .When(request.Subjects is { Count: > MaxSubjects }, "subjects", $"At most {MaxSubjects} subjects.")
            .IdempotencyKey(http);
        SubjectValidation.Check(validation, "subjects", request.Subjects);
        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>Raise a concern: starts its stream, routed by the policy. 201 with the case and its Location.</summary>
    [WolverinePost("/api/concerns", Name = "RaiseConcern"), Tags("Concerns")]
    [ProducesResponseType<ConcernView>(StatusCodes.Status201Created)]
    public static async Task<IResult> Post(
        RaiseConcernRequest request,
        IDocumentSession session,
        HttpContext http,
        TimeProvider clock,
        SchoolRoles school,
        CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var recordId = Idempotency.RecordId(http, actor.Id);
        var requestHash = Idempotency.Hash(http, recordId, request);
        if (await Idempotency.EarlierAsync(session, recordId, ct) is { } earlier)
        {
            return await Idempotency.ReplayAsync(session, earlier, requestHash, http, ConcernView.From, ct);
        }

        var (command, decision) = Decide(request, actor, school, clock.GetUtcNow());
        if (decision.Violation is { } violation)
        {
            return Results.Problem(violation.ToProblemDetails(http.Request.Path));
        }

        EventMetadata.StampCausation(session, http);
        session.Events.StartStream<Concern>(command.ConcernId, decision.Events.ToArray());
        var created = ConcernView.From(decision.Events.Aggregate((Concern?)null, Concern.Evolve)! with { Version = decision.Events.Count });
        Idempotency.Remember(session, recordId, requestHash, StatusCodes.Status201Created, created.Id, created.Version, clock.GetUtcNow());
        if (await Idempotency.SaveOrReplayAsync(session, recordId, requestHash, http, ConcernView.From, ct) is { } replayed)
        {
            return replayed;
        }

        return Created(http, created);
    }

    /// <summary>The raise this request asks for, decided by the domain (the web app's form gives the same one).</summary>
    public static (RaiseConcern Command, Decision Decision) Decide(RaiseConcernRequest request, Actor actor, SchoolRoles school, DateTimeOffset now)
    {
        var command = new RaiseConcern(
            Guid.CreateVersion7(),
            request.Kind!.Value,
            request.Summary!.Trim(),
            SubjectValidation.ToSubjects(request.Subjects!),
            request.OccurredAt!.Value,
            actor,
            school);
        return (command, RaiseConcernDecider.Decide(command, RoutingTable.SocialMediaPolicy2021, now));
    }

    private static IResult Created(HttpContext http, ConcernView view)
    {
        ConcernCommands.SetETag(http, view.Version);
        return Results.Created($"/api/concerns/{view.Id}", view);
    }
}

/// <summary>Checks and converts the subjects of a request; shared by raising and adding subjects.</summary>
public static class SubjectValidation
{
    public static void Check(RequestValidation validation, string field, IReadOnlyList<SubjectRequest>? subjects)
    {
        for (var i = 0; i < (subjects?.Count ?? 0); i++)
        {
            var subject = subjects![i];
            if (subject is null)
            {
                validation.Add($"{field}[{i}]", "A subject is required.");
                continue;
            }

            validation
                .Text($"{field}[{i}].misRef", subject.MisRef, RequestValidation.MisRefLength)
                .Required($"{field}[{i}].type", subject.Type)
                .Required($"{field}[{i}].involvement", subject.Involvement);
        }
    }

    public static IReadOnlyList<Subject> ToSubjects(IReadOnlyList<SubjectRequest> subjects) =>
        subjects.Select(s => new Subject(s.MisRef!.Trim(), s.Type!.Value, s.Involvement!.Value)).ToList();
}
