using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using JasperFx;
using Marten;

namespace Incidents.Api.Concerns;

/// <summary>
/// The answer given to a command sent with an <c>Idempotency-Key</c>, stored in the same transaction as its events:
/// a retry with the same key (on any node, after a lost connection or a 503) gets this answer and appends nothing.
/// </summary>
public sealed class IdempotencyRecord
{
    /// <summary><c>&lt;user&gt;|&lt;key&gt;</c>: keys are per user, so one user cannot replay another's answer.</summary>
    public string Id { get; set; } = "";

    public string RequestHash { get; set; } = "";

    public Guid ConcernId { get; set; }

    public int Status { get; set; }

    public ConcernView Response { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }
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
    public static void Remember(IDocumentSession session, string? recordId, string requestHash, int status, ConcernView response, DateTimeOffset now)
    {
        if (recordId is not null)
        {
            session.Insert(new IdempotencyRecord
            {
                Id = recordId,
                RequestHash = requestHash,
                ConcernId = response.Id,
                Status = status,
                Response = response,
                CreatedAt = now,
            });
        }
    }

    /// <summary>
    /// Commits the command with its key's record. Null when committed; when a concurrent retry with the same key
    /// committed first, that retry's answer (read from its record).
    /// </summary>
    public static async Task<IResult?> SaveOrReplayAsync(IDocumentSession session, string? recordId, string requestHash, HttpContext http, CancellationToken ct)
    {
        try
        {
            await session.SaveChangesAsync(ct);
            return null;
        }
        catch (DocumentAlreadyExistsException) when (recordId is not null)
        {
            await using var query = session.DocumentStore.QuerySession();
            return Replay((await query.LoadAsync<IdempotencyRecord>(recordId, ct))!, requestHash, http);
        }
    }

    /// <summary>The original answer again, or 422 when the key was used for a different request.</summary>
    public static IResult Replay(IdempotencyRecord earlier, string requestHash, HttpContext http)
    {
        if (earlier.RequestHash != requestHash)
        {
            return Results.Problem(new RuleViolation("idempotency-key-reused",
                    $"This {Header} was already used for a different request.", ViolationKind.RuleBroken)
                .ToProblemDetails(http.Request.Path));
        }

        ConcernCommands.SetETag(http, earlier.Response.Version);
        http.Response.Headers["Idempotent-Replay"] = "true";
        return earlier.Status == StatusCodes.Status201Created
            ? Results.Created($"/api/concerns/{earlier.Response.Id}", earlier.Response)
            : Results.Ok(earlier.Response);
    }
}
