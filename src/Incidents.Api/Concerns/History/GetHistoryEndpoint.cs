using System.Text.RegularExpressions;
using Incidents.Api.Audit.Access;
using Incidents.Api.Concerns.Reading;
using Incidents.Api.Infrastructure.Auth;
using Incidents.Api.Infrastructure.Problems;
using Incidents.Domain.Concerns;
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
    public static async Task<IResult> Get(Guid id, IQuerySession session, HttpContext http, CancellationToken ct)
    {
        var concern = await session.LoadAsync<Concern>(id, ct);
        if (concern is null || ConcernReadAccess.ViewFor(http.User.ToActor(), concern) is not ConcernView)
        {
            return Results.Problem(RuleViolationProblems.NotFound(http.Request.Path));
        }

        var events = await session.Events.FetchStreamAsync(id, token: ct);
        return Results.Ok(events.Select(e => new HistoryEntry(
            e.Version,
            KebabCase(e.Data.GetType().Name),
            e.Data,
            e.UserName,
            e.Timestamp,
            e.Data.GetType().GetProperty("OccurredAt")?.GetValue(e.Data) as DateTimeOffset?,
            e.CorrelationId,
            e.CausationId)).ToList());
    }

    private static string KebabCase(string name) => KebabRegex().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex KebabRegex();
}
