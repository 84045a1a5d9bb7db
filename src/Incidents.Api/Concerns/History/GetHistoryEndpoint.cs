using System.Text.RegularExpressions;
using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Incidents.Api.Concerns.History;

/// <param name="OccurredAt">When it happened, as reported; <paramref name="RecordedAt"/> is the server's time.</param>
public sealed record HistoryEntry(
    long Version,
    string Type,
    object Data,
    string? RecordedBy,
    DateTimeOffset RecordedAt,
    DateTimeOffset? OccurredAt,
    string? CorrelationId,
    string? CausationId);

public static partial class GetHistoryEndpoint
{
    /// <summary>The audit trail of one case: every event in order, who recorded it, when, and under which correlation id.</summary>
    [RecordsReads("concern-history", "id")]
    [WolverineGet("/api/concerns/{id}/history", Name = "GetConcernHistory"), Tags("Concerns")]
    [ProducesResponseType<IReadOnlyList<HistoryEntry>>(StatusCodes.Status200OK)]
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct) =>
        await ReadAsync(id, session, http.User.ToActor(), ct) is { } history
            ? Results.Ok(history)
            : Results.Problem(RuleViolationProblems.NotFound(http.Request.Path));

    /// <summary>
    /// The case's history, or null when there is no such case or the actor may not read it in full (they learn
    /// nothing of it). The web app's history page reads it too.
    /// </summary>
    public static async Task<IReadOnlyList<HistoryEntry>?> ReadAsync(Guid id, IQuerySession session, Actor actor, CancellationToken ct)
    {
        var concern = await session.LoadAsync<Concern>(id, ct);
        if (concern is null || ConcernReadAccess.ViewFor(actor, concern) is not ConcernView)
        {
            return null;
        }

        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return events.Select(e => new HistoryEntry(
            e.Version,
            KebabCase(e.Data.GetType().Name),
            e.Data,
            e.UserName,
            e.Timestamp,
            e.Data.GetType().GetProperty("OccurredAt")?.GetValue(e.Data) as DateTimeOffset?,
            e.CorrelationId,
            e.CausationId)).ToList();
    }

    private static string KebabCase(string name) => KebabRegex().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabRegex();
}
