using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using JasperFx.Events;
using Marten;
using Microsoft.Net.Http.Headers;

namespace Incidents.Api.Concerns;

/// <summary>
/// The one path every command on an existing concern takes: replay the answer if its Idempotency-Key was seen,
/// load the case, let the domain decide, check If-Match, append with optimistic concurrency (with the key's record,
/// in the same transaction), and answer with the new state and its ETag. The append is committed before the
/// response is written, so an acknowledged command is durable.
/// </summary>
public static class ConcernCommands
{
    public static async Task<IResult> Execute(
        IDocumentSession session,
        HttpContext http,
        Guid concernId,
        object request,
        Func<Concern, Actor, DateTimeOffset, Decision> decide,
        TimeProvider clock,
        CancellationToken ct)
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
            // The first answer again, but only while its sender may still see the whole case: access can have been
            // withdrawn since (a headteacher who became the subject of the case), and a key never expires.
            return stream.Aggregate is { } current && ConcernReadAccess.ViewFor(actor, current) is ConcernView
                ? await Idempotency.ReplayAsync(session, earlier, requestHash, http, ct)
                : Results.Problem(RuleViolationProblems.NotFound(instance));
        }

        if (stream.Aggregate is not { } concern)
        {
            return Results.Problem(RuleViolationProblems.NotFound(instance));
        }

        var decision = decide(concern, actor, clock.GetUtcNow());

        // Someone who may not even see the case learns nothing about it, not even that it exists (404).
        if (ConcernReadAccess.ViewFor(actor, concern) is null)
        {
            return Results.Problem(RuleViolationProblems.NotFound(instance));
        }

        if (decision.Violation is { Kind: ViolationKind.Forbidden or ViolationKind.NotFound } refused)
        {
            return Results.Problem(refused.ToProblemDetails(instance));
        }

        if (IfMatch(http) is { } expected && expected != concern.Version)
        {
            return Results.Problem(RuleViolationProblems.PreconditionFailed(concern.Version, instance));
        }

        if (decision.Violation is { } violation)
        {
            return Results.Problem(violation.ToProblemDetails(instance));
        }

        EventMetadata.StampCausation(session, http);
        stream.AppendMany(decision.Events.ToArray());
        var updated = decision.Events.Aggregate(concern, Concern.Evolve) with { Version = concern.Version + decision.Events.Count };
        var view = ConcernView.From(updated);
        Idempotency.Remember(session, recordId, requestHash, StatusCodes.Status200OK, view, clock.GetUtcNow());
        if (await Idempotency.SaveOrReplayAsync(session, recordId, requestHash, http, ct) is { } replayed)
        {
            return replayed;
        }

        SetETag(http, updated.Version);
        return Results.Ok(view);
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
