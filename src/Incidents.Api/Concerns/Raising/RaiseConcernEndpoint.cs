using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.Configuration;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Policy;
using JasperFx;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Raising;

public sealed record SubjectRequest(string? MisRef, PersonType? Type, Involvement? Involvement);

/// <param name="OccurredAt">When it happened (may be in the past, never in the future).</param>
public sealed record RaiseConcernRequest(ConcernKind? Kind, string? Summary, IReadOnlyList<SubjectRequest>? Subjects, DateTimeOffset? OccurredAt);

/// <summary>A retried raise with the same <c>Idempotency-Key</c> gets the original answer and appends nothing.</summary>
public sealed class IdempotencyRecord
{
    public string Id { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public Guid ConcernId { get; set; }

    public ConcernView Response { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }
}

public static class RaiseConcernEndpoint
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const int MaxSubjects = 50;

    public static ProblemDetails Validate(RaiseConcernRequest request, HttpContext http, OccurrenceWindow window)
    {
        var validation = new RequestValidation(window)
            .Required("kind", request.Kind)
            .Text("summary", request.Summary, RequestValidation.LongText)
            .OccurredAt("occurredAt", request.OccurredAt)
            .When(request.Subjects is not { Count: > 0 }, "subjects", "At least one subject (by MIS reference) is required.")
            .When(request.Subjects is { Count: > MaxSubjects }, "subjects", $"At most {MaxSubjects} subjects.")
            .When(http.Request.Headers[IdempotencyKeyHeader].ToString().Length > RequestValidation.ShortText,
                IdempotencyKeyHeader, $"{IdempotencyKeyHeader} must be at most {RequestValidation.ShortText} characters.");
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
        IOptions<SchoolOptions> school,
        CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        var recordId = key.Length > 0 ? $"{actor.Id}|{key}" : null;
        var requestHash = Hash(request);
        if (recordId is not null && await session.LoadAsync<IdempotencyRecord>(recordId, ct) is { } earlier)
        {
            return Replay(earlier, requestHash, http);
        }

        var command = new RaiseConcern(
            Guid.CreateVersion7(),
            request.Kind!.Value,
            request.Summary!.Trim(),
            SubjectValidation.ToSubjects(request.Subjects!),
            request.OccurredAt!.Value,
            actor,
            school.Value.HeadteacherMisRef);
        var decision = RaiseConcernDecider.Decide(command, RoutingTable.SocialMediaPolicy2021, clock.GetUtcNow());
        if (decision.Violation is { } violation)
        {
            return Results.Problem(violation.ToProblemDetails(http.Request.Path));
        }

        EventMetadata.StampCausation(session, http);
        session.Events.StartStream<Concern>(command.ConcernId, decision.Events.ToArray());
        var created = ConcernView.From(decision.Events.Aggregate((Concern?)null, Concern.Evolve)! with { Version = decision.Events.Count });
        if (recordId is not null)
        {
            session.Insert(new IdempotencyRecord
            {
                Id = recordId,
                RequestHash = requestHash,
                ConcernId = created.Id,
                Response = created,
                CreatedAt = clock.GetUtcNow(),
            });
        }

        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (DocumentAlreadyExistsException) when (recordId is not null)
        {
            // A concurrent retry with the same key won the race: answer as it was answered.
            await using var query = session.DocumentStore.QuerySession();
            return Replay((await query.LoadAsync<IdempotencyRecord>(recordId, ct))!, requestHash, http);
        }

        return Created(http, created);
    }

    private static IResult Created(HttpContext http, ConcernView view)
    {
        ConcernCommands.SetETag(http, view.Version);
        return Results.Created($"/api/concerns/{view.Id}", view);
    }

    private static IResult Replay(IdempotencyRecord earlier, string requestHash, HttpContext http) =>
        earlier.RequestHash == requestHash
            ? Created(http, earlier.Response)
            : Results.Problem(new RuleViolation("idempotency-key-reused",
                    $"This {IdempotencyKeyHeader} was already used for a different request.", ViolationKind.RuleBroken)
                .ToProblemDetails(http.Request.Path));

    private static string Hash(RaiseConcernRequest request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request))));
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
