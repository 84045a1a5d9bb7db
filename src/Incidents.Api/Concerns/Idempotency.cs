using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using JasperFx;
using Marten;

namespace Incidents.Api.Concerns;

/// <summary>
/// What a command sent with an <c>Idempotency-Key</c> did, stored in the same transaction as its events: a retry
/// with the same key (on any node, after a lost connection or a 503) gets the same answer and appends nothing.
/// Only the case and the version it reached are kept, not the answer: no second copy of a child's record to
/// secure and erase (and a much smaller write on every command); a replay rebuilds the case at that version.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary><c>&lt;user&gt;|&lt;key&gt;</c>: keys are per user, so one user cannot replay another's answer.</summary>
    public string Id { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public Guid ConcernId { get; set; }

    public int Status { get; set; }

    /// <summary>The case's version once the command's events were appended: the answer was the case at it.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>
    /// Records written before <see cref="Version"/> was kept held the whole answer here; only its version is read,
    /// until <see cref="IdempotencyUpkeep"/> moves it into <see cref="Version"/> and drops the copy.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LegacyAnswer? Response { get; set; }

    /// <summary>The version the answer showed: 0 would mean "the latest" to the event store, never the original answer.</summary>
    public long AnsweredVersion() => Version > 0 ? Version
        : Response?.Version > 0 ? Response.Version
        : throw new InvalidOperationException($"The idempotency record {Id} has no version.");

    public sealed record LegacyAnswer(long Version);
}

/// <summary>Idempotency keys for every command: raising a concern and every command on one.</summary>
public static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = RequestValidation.ShortText;

    /// <summary>The record id for this request's key, or null when it carries none.</summary>
    public static string? RecordId(HttpContext http, string actorId)
    {
        var key = http.Request.Headers[Header].ToString();
        return key.Length > 0 ? $"{actorId}|{key}" : null;
    }

    /// <summary>Adds a problem when the key is too long to be a key.</summary>
    public static RequestValidation IdempotencyKey(this RequestValidation validation, HttpContext http) =>
        validation.When(http.Request.Headers[Header].ToString().Length > MaxKeyLength, Header, $"{Header} must be at most {MaxKeyLength} characters.");

    /// <summary>
    /// What the key was used for: the path and the body, so reusing a key for something else is caught. Only computed
    /// when a key was sent: a command without one pays nothing for idempotency.
    /// </summary>
    public static string Hash(HttpContext http, string? recordId, object request) =>
        recordId is null ? "" : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(http.Request.Path + "\n" + JsonSerializer.Serialize(request))));

    public static async Task<IdempotencyRecord?> EarlierAsync(IQuerySession session, string? recordId, CancellationToken ct) =>
        recordId is null ? null : await session.LoadAsync<IdempotencyRecord>(recordId, ct);

    /// <summary>Stored with the command's events, in the same transaction.</summary>
    public static void Remember(IDocumentSession session, string? recordId, string requestHash, int status, Guid concernId, long version, DateTimeOffset now)
    {
        if (recordId is not null)
        {
            session.Insert(new IdempotencyRecord
            {
                Id = recordId,
                RequestHash = requestHash,
                ConcernId = concernId,
                Status = status,
                Version = version,
                CreatedAt = now,
            });
        }
    }

    /// <summary>
    /// Commits the command with its key's record. Null when committed; when a concurrent retry with the same key
    /// committed first, that retry's answer (read from its record).
    /// </summary>
    /// <param name="view">How the sender may see the case: the replayed answer shows no more.</param>
    public static async Task<IResult?> SaveOrReplayAsync(IDocumentSession session, string? recordId, string requestHash, HttpContext http,
        Func<Concern, object> view, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return null;
        }
        catch (DocumentAlreadyExistsException) when (recordId is not null)
        {
            await using var query = session.DocumentStore.QuerySession();
            return await query.LoadAsync<IdempotencyRecord>(recordId, ct) is { } earlier
                ? await ReplayAsync(query, earlier, requestHash, http, view, ct)
                : Results.Problem(RuleViolationProblems.Conflict(http.Request.Path)); // expired in between: nothing was done, retry
        }
    }

    /// <summary>The original answer again (the case as it was at the version the command reached), or 422 when the key was used for a different request.</summary>
    public static async Task<IResult> ReplayAsync(IQuerySession session, IdempotencyRecord earlier, string requestHash, HttpContext http,
        Func<Concern, object> view, CancellationToken ct)
    {
        if (earlier.RequestHash != requestHash)
        {
            return Results.Problem(new RuleViolation("idempotency-key-reused",
                    $"This {Header} was already used for a different request.", ViolationKind.RuleBroken)
                .ToProblemDetails(http.Request.Path));
        }

        var concern = await session.Events.AggregateStreamAsync<Concern>(earlier.ConcernId, earlier.AnsweredVersion(), token: ct)
                      ?? throw new InvalidOperationException($"The case {earlier.ConcernId} of an idempotency record has no events.");
        ConcernCommands.SetETag(http, concern.Version);
        http.Response.Headers["Idempotent-Replay"] = "true";
        return earlier.Status == StatusCodes.Status201Created
            ? Results.Created($"/api/concerns/{concern.Id}", view(concern))
            : Results.Ok(view(concern));
    }
}
