using Incidents.Api.Concerns.LowLevel;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Concerns.LowLevel;
using Incidents.Domain.Concerns.Raising;
using Incidents.Domain.Identity;
using Incidents.Domain.PeopleDirectory;
using Incidents.Domain.Policy;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.Raising;

/// <summary>
/// A person on a concern: someone in the directory by <paramref name="MisRef"/>, or someone who is not (a visitor, a
/// child from another school, a parent) by <paramref name="Name"/> and <paramref name="Description"/>, under a
/// reference the service gives them (answered in the case's subjects, starting <c>unlisted-</c>).
/// </summary>
public sealed record SubjectRequest(string? MisRef, PersonType? Type, Involvement? Involvement, string? Name = null, string? Description = null);

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
            .When(request.Subjects is not { Count: > 0 }, "subjects", "At least one subject (by MIS reference, or by name and description) is required.")
            .When(request.Subjects is { Count: > MaxSubjects }, "subjects", $"At most {MaxSubjects} subjects.")
            .IdempotencyKey(http);
        SubjectValidation.Check(validation, "subjects", request.Subjects);
        return validation.ToProblem() ?? WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Raise a concern: starts its stream, routed by the policy. 201 with its Location and the new case as the raiser
    /// may read it, like every command's answer: in full for whoever handles it, the status for a member of staff (or an
    /// adult declaring), the synchronisation view for the MIS. 200 with the same answer when this is a retry of a raise
    /// already made with the same Idempotency-Key.
    /// </summary>
    [WolverinePost("/api/concerns", Name = "RaiseConcern"), Tags("Concerns")]
    [ProducesResponseType<ConcernReadView>(StatusCodes.Status201Created)]
    [ProducesResponseType<ConcernReadView>(StatusCodes.Status200OK)]
    public static async Task<IResult> Post(
        RaiseConcernRequest request,
        IDocumentSession session,
        HttpContext http,
        TimeProvider clock,
        SchoolRoles school,
        LowLevelPatternSettings patterns,
        CancellationToken ct)
    {
        var actor = http.User.ToActor();
        var recordId = Idempotency.RecordId(http, actor.Id);
        var requestHash = Idempotency.Hash(http, recordId, request);
        if (await Idempotency.EarlierAsync(session, recordId, ct) is { } earlier)
        {
            return await Idempotency.ReplayAsync(session, earlier, requestHash, http, c => ConcernReadAccess.AnswerToRaise(actor, c), ct);
        }

        var listed = await SchoolFacts.ListedAsync(session, request.Subjects!.Select(s => s.MisRef), ct);
        var earlierLowLevel = await EarlierLowLevelConcerns.ForAsync(session, request.Kind, request.OccurredAt, patterns, ct);
        var (command, decision) = Decide(request, actor, school, listed, clock.GetUtcNow(), earlierLowLevel, patterns);
        if (decision.Violation is { } violation)
        {
            return Results.Problem(violation.ToProblemDetails(http.Request.Path));
        }

        EventMetadata.StampCausation(session, http);
        session.Events.StartStream<Concern>(command.ConcernId, decision.Events.ToArray());
        NameUnlisted(session, request, command, clock.GetUtcNow());
        var created = decision.Events.Aggregate((Concern?)null, Concern.Evolve)! with { Version = decision.Events.Count };
        Idempotency.Remember(session, recordId, requestHash, StatusCodes.Status201Created, created.Id, created.Version, clock.GetUtcNow());
        if (await Idempotency.SaveOrReplayAsync(session, recordId, requestHash, http, c => ConcernReadAccess.AnswerToRaise(actor, c), ct) is { } replayed)
        {
            return replayed;
        }

        ConcernCommands.SetETag(http, created.Version);
        return Results.Created($"/api/concerns/{created.Id}", ConcernReadAccess.AnswerToRaise(actor, created));
    }

    /// <summary>
    /// The raise this request asks for, decided by the domain (the web app's form gives the same one), with what the
    /// directory lists for the people it names (<see cref="SchoolFacts.ListedAsync"/>).
    /// </summary>
    /// <param name="earlierLowLevel">For a low-level concern, the earlier ones the service holds (<see cref="EarlierLowLevelConcerns.ForAsync"/>).</param>
    public static (RaiseConcern Command, Decision Decision) Decide(RaiseConcernRequest request, Actor actor, SchoolRoles school,
        IReadOnlyCollection<DirectoryPerson> listed, DateTimeOffset now, IReadOnlyList<EarlierLowLevelConcern>? earlierLowLevel = null,
        LowLevelPatternSettings? patterns = null)
    {
        var id = Guid.CreateVersion7();
        var named = NamedSubjects.From(request.Subjects!, id, 0, null);
        var command = new RaiseConcern(id, request.Kind!.Value, request.Summary!.Trim(), named.Subjects, request.OccurredAt!.Value, actor,
            SchoolFacts.With(school, listed))
        {
            EarlierLowLevel = earlierLowLevel ?? [],
            Patterns = patterns ?? new LowLevelPatternSettings(),
        };
        return (command, named.Violation ?? RaiseConcernDecider.Decide(command, RoutingTable.SocialMediaPolicy2021, now));
    }

    /// <summary>Keeps the names of the people the accepted raise named by name, in its transaction.</summary>
    public static void NameUnlisted(IDocumentSession session, RaiseConcernRequest request, RaiseConcern command, DateTimeOffset now) =>
        NamedSubjects.From(request.Subjects!, command.ConcernId, 0, null).Store(session, now);
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

            if (subject.Name is not null || subject.Description is not null)
            {
                validation
                    .When(!string.IsNullOrWhiteSpace(subject.MisRef), $"{field}[{i}].misRef",
                        "Name someone either by misRef (in the directory) or by name and description (not in it), not both.")
                    .Text($"{field}[{i}].name", subject.Name, UnlistedPerson.MaxName)
                    .Text($"{field}[{i}].description", subject.Description, UnlistedPerson.MaxDescription);
            }
            else
            {
                validation.Text($"{field}[{i}].misRef", subject.MisRef, RequestValidation.MisRefLength);
            }

            validation
                .Required($"{field}[{i}].type", subject.Type)
                .Required($"{field}[{i}].involvement", subject.Involvement);
        }
    }
}

/// <summary>
/// The subjects a request names: people in the directory by reference, and people who are not by name under a
/// reference the service works out (<see cref="UnlistedPerson.RefFor"/>: the same when deciding and when storing).
/// </summary>
/// <param name="Violation">A reference starting <c>unlisted-</c> that the service did not give for this case.</param>
public sealed record NamedSubjects(IReadOnlyList<Subject> Subjects, IReadOnlyList<UnlistedPerson> Unlisted, RuleViolation? Violation)
{
    /// <param name="version">The case's version the command is given at (0 when raising).</param>
    /// <param name="concern">The case, when adding to it: someone named by name on it may be added again in another way.</param>
    public static NamedSubjects From(IReadOnlyList<SubjectRequest> requests, Guid concernId, long version, Concern? concern)
    {
        var subjects = new List<Subject>();
        var unlisted = new List<UnlistedPerson>();
        RuleViolation? violation = null;
        foreach (var request in requests)
        {
            var misRef = request.MisRef?.Trim();
            if (string.IsNullOrEmpty(misRef))
            {
                misRef = UnlistedPerson.RefFor(concernId, version, unlisted.Count);
                unlisted.Add(new UnlistedPerson
                {
                    Id = DirectoryPerson.KeyFor(misRef),
                    Ref = misRef,
                    Name = request.Name!.Trim(),
                    Description = request.Description!.Trim(),
                    ConcernId = concernId,
                });
            }
            else if (Subject.IsUnlistedRef(misRef) && concern?.HasSubject(misRef) != true)
            {
                violation ??= Rules.UnlistedRefGivenByService;
            }

            subjects.Add(new Subject(misRef, request.Type!.Value, request.Involvement!.Value));
        }

        return new NamedSubjects(subjects, unlisted, violation);
    }

    /// <summary>Keeps their names beside the case, in the same transaction as the events that name them.</summary>
    public void Store(IDocumentSession session, DateTimeOffset now)
    {
        if (Unlisted.Count > 0)
        {
            session.Store(Unlisted.Select(u => u with { NamedAt = now }).ToArray());
        }
    }
}

/// <summary>
/// Who the people a command names are, as the school's directory says: loaded in one round trip by whoever gives the
/// command (the API's endpoint and the web page alike) and passed to the domain, which refuses a type it contradicts.
/// </summary>
public static class SchoolFacts
{
    public static async Task<IReadOnlyCollection<DirectoryPerson>> ListedAsync(IQuerySession session, IEnumerable<string?> misRefs, CancellationToken ct)
    {
        var keys = misRefs.OfType<string>().Select(r => r.Trim()).Where(r => r.Length > 0 && !Subject.IsUnlistedRef(r))
            .Select(DirectoryPerson.KeyFor).Distinct().ToArray();
        return keys.Length == 0 ? [] : await session.LoadManyAsync<DirectoryPerson>(ct, keys);
    }

    public static SchoolRoles With(SchoolRoles school, IEnumerable<DirectoryPerson> listed) =>
        school.WithListed(listed.Select(p => (p.MisRef, p.Type)));
}
