using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Incidents.Api.Concerns;

/// <summary>
/// The one path every command on an existing concern takes: replay the answer if its Idempotency-Key was seen,
/// load the case, let the domain decide, check If-Match, append with optimistic concurrency (with the key's record,
/// in the same transaction, with any documents the command keeps <c>alongside</c> its events), and answer with the new
/// state and its ETag. The append is committed before the
/// response is written, so an acknowledged command is durable.
/// </summary>
/// <summary>A command given from a page: the case as it now stands, or the problem that refused it.</summary>
public sealed record CommandOutcome(Concern? Concern, ProblemDetails? Problem);

/// <summary>
/// A command someone may give on a case they may not read (the owner of a debrief's change): who knows of the case that
/// far (<see cref="MayKnow"/>, from the domain), and the answer they get instead of the case.
/// </summary>
public sealed record KnownWithoutReading(Func<Actor, Concern, bool> MayKnow, Func<Actor, Concern, object> Answer);

public static class ConcernCommands
{
    public static async Task<IResult> Execute(
        IDocumentSession session,
        HttpContext http,
        Guid concernId,
        object request,
        Func<Concern, Actor, DateTimeOffset, Decision> decide,
        TimeProvider clock,
        CancellationToken ct,
        Action<IDocumentSession, Concern, DateTimeOffset>? alongside = null,
        KnownWithoutReading? known = null)
    {
        var instance = http.Request.Path.Value;
        if (new RequestValidation(clock).IdempotencyKey(http).ToProblem() is { } badKey)
        {
            return Results.Problem(badKey);
        }

        var actor = http.User.ToActor();
        var recordId = Idempotency.RecordId(http, actor.Id);
        var requestHash = Idempotency.Hash(http, recordId, request);
        var (earlier, stream) = await EarlierAndCaseAsync(session, recordId, concernId, ct);
        if (earlier is not null)
        {
            // The first answer again, but only while its sender may still see the case, and no further than they may
            // now: access can have been withdrawn since (a headteacher who became the subject of the case, a learner's
            // case that became an allegation), and a key never expires.
            var level = stream.Aggregate is { } current ? CaseAccess.ReadLevelFor(actor, current) : ReadLevel.None;
            if (known is not null)
            {
                return stream.Aggregate is { } now && (level != ReadLevel.None || known.MayKnow(actor, now))
                    ? await Idempotency.ReplayAsync(session, earlier, requestHash, http, c => known.Answer(actor, c), ct)
                    : Results.Problem(RuleViolationProblems.NotFound(instance));
            }

            return level != ReadLevel.None
                ? await Idempotency.ReplayAsync(session, earlier, requestHash, http, c => ConcernReadAccess.ViewAt(level, c)!, ct)
                : Results.Problem(RuleViolationProblems.NotFound(instance));
        }

        var (concern, updated, refusal) = Write(session, stream, actor, IfMatch(http), decide, clock, instance, alongside, () => EventMetadata.StampCausation(session, http),
            known?.MayKnow);
        if (refusal is not null)
        {
            return Results.Problem(refusal);
        }

        Func<Concern, object> answer = known is null ? c => ConcernReadAccess.AnswerTo(actor, concern!, c) : c => known.Answer(actor, c);
        var view = answer(updated);
        Idempotency.Remember(session, recordId, requestHash, StatusCodes.Status200OK, updated.Id, updated.Version, clock.GetUtcNow());
        if (await Idempotency.SaveOrReplayAsync(session, recordId, requestHash, http, answer, ct) is { } replayed)
        {
            return replayed;
        }

        SetETag(http, updated.Version);
        return Results.Ok(view);
    }

    /// <summary>
    /// Why a decided command is not carried out, in the order the API answers: someone who may not even see the case
    /// learns nothing about it (404); then who may act (403); then a stale version (412); then the policy (422/409).
    /// </summary>
    public static ProblemDetails? Refusal(Actor actor, Concern concern, Decision decision, long? expectedVersion, string? instance,
        Func<Actor, Concern, bool>? mayKnow = null)
    {
        if (ConcernReadAccess.ViewFor(actor, concern) is null && mayKnow?.Invoke(actor, concern) != true)
        {
            return RuleViolationProblems.NotFound(instance);
        }

        if (decision.Violation is { Kind: ViolationKind.Forbidden or ViolationKind.NotFound } refused)
        {
            return refused.ToProblemDetails(instance);
        }

        if (expectedVersion is { } expected && expected != concern.Version)
        {
            return RuleViolationProblems.PreconditionFailed(concern.Version, instance);
        }

        return decision.Violation?.ToProblemDetails(instance);
    }

    /// <summary>
    /// The same path for a form in the web app, which has no idempotency key: the version the form was shown at
    /// stands in for If-Match, so a case changed by someone else meanwhile is never overwritten unseen.
    /// </summary>
    public static async Task<CommandOutcome> ExecuteAsync(
        IDocumentSession session,
        HttpContext http,
        Guid concernId,
        long? expectedVersion,
        Func<Concern, Actor, DateTimeOffset, Decision> decide,
        TimeProvider clock,
        CancellationToken ct,
        Action<IDocumentSession, Concern, DateTimeOffset>? alongside = null,
        Func<Actor, Concern, bool>? mayKnow = null)
    {
        var actor = http.User.ToActor();
        var instance = http.Request.Path.Value;
        var stream = await session.Events.FetchForWriting<Concern>(concernId, ct);
        var (concern, updated, refusal) = Write(session, stream, actor, expectedVersion, decide, clock, instance, alongside, () => EventMetadata.StampPage(session, http, actor),
            mayKnow);
        if (refusal is not null)
        {
            return new CommandOutcome(concern, refusal);
        }

        await session.SaveChangesAsync(ct);
        return new CommandOutcome(updated, null);
    }

    /// <summary>
    /// The write itself, the same for the API and the pages: the domain decides on the case as loaded, the refusals come
    /// in their order (<see cref="Refusal"/>), then the events are appended at the version read, with what the command
    /// keeps alongside them. Only what surrounds it differs: the API's idempotency key and answer, the page's redirect.
    /// </summary>
    private static (Concern? Before, Concern Updated, ProblemDetails? Refusal) Write(
        IDocumentSession session,
        IEventStream<Concern> stream,
        Actor actor,
        long? expectedVersion,
        Func<Concern, Actor, DateTimeOffset, Decision> decide,
        TimeProvider clock,
        string? instance,
        Action<IDocumentSession, Concern, DateTimeOffset>? alongside,
        Action stamp,
        Func<Actor, Concern, bool>? mayKnow)
    {
        if (stream.Aggregate is not { } concern)
        {
            return (null, null!, RuleViolationProblems.NotFound(instance));
        }

        var now = clock.GetUtcNow();
        var decision = decide(concern, actor, now);
        if (Refusal(actor, concern, decision, expectedVersion, instance, mayKnow) is { } refusal)
        {
            return (concern, null!, refusal);
        }

        stamp();
        stream.AppendMany(decision.Events.ToArray());
        alongside?.Invoke(session, concern, now);
        return (concern, decision.Events.Aggregate(concern, Concern.Evolve) with { Version = concern.Version + decision.Events.Count }, null);
    }

    /// <summary>
    /// The answer already given under this request's key, if any, and the case to write to, in one round trip
    /// (a keyed command otherwise pays a third round trip to the database).
    /// </summary>
    private static async Task<(IdempotencyRecord? Earlier, IEventStream<Concern> Case)> EarlierAndCaseAsync(
        IDocumentSession session, string? recordId, Guid concernId, CancellationToken ct)
    {
        if (recordId is null)
        {
            return (null, await session.Events.FetchForWriting<Concern>(concernId, ct));
        }

        var batch = session.CreateBatchQuery();
        var earlier = batch.Load<IdempotencyRecord>(recordId);
        var stream = batch.Events.FetchForWriting<Concern>(concernId);
        await batch.Execute(ct);
        return (await earlier, await stream);
    }

    public static void SetETag(HttpContext http, long version) =>
        http.Response.Headers[HeaderNames.ETag] = new EntityTagHeaderValue($"\"{version}\"").ToString();

    /// <summary>The version in an <c>If-Match</c> header (<c>"3"</c> or <c>W/"3"</c>); null when absent or <c>*</c>.</summary>
    public static long? IfMatch(HttpContext http)
    {
        var header = http.Request.Headers[HeaderNames.IfMatch].ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        var tag = header.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        // An unparseable tag can never match a version, so it is a failed precondition, not a free pass.
        return long.TryParse(tag.Trim('"'), out var version) ? version : -1;
    }
}
