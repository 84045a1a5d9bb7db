using Incidents.Api.Concerns.Reading;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Chronology;
using Incidents.Projections.People;
using Marten;

namespace Incidents.Api.Chronologies;

/// <param name="OccurredAt">When it happened, as recorded by the person who wrote it.</param>
/// <param name="RecordedAt">When the service stored it. <paramref name="Backdated"/> is true when it was recorded more than an hour after it happened.</param>
public sealed record ChronologyItem(
    Guid ConcernId,
    ConcernKind ConcernKind,
    long Version,
    string Type,
    string Entry,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    bool Backdated,
    PersonRef RecordedBy,
    string? CorrelationId);

public sealed record Chronology(string PersonType, string MisRef, IReadOnlyList<ChronologyItem> Entries);

/// <summary>
/// A person's chronology across every concern they are a subject of and the caller may read in full: the index
/// comes from the <see cref="PersonCases"/> projection, the entries straight from the events, in the order things
/// happened.
/// </summary>
public static class PersonChronology
{
    /// <summary>Entries recorded more than this long after they happened are flagged as backdated.</summary>
    public static readonly TimeSpan BackdatingTolerance = TimeSpan.FromHours(1);

    public static async Task<Chronology> ReadAsync(IQuerySession session, Actor actor, PersonType type, string misRef, CancellationToken ct)
    {
        var index = await session.LoadAsync<PersonCases>(PersonCases.KeyFor(type, misRef), ct);
        if (index is null || index.ConcernIds.Count == 0)
        {
            return new Chronology(PersonCases.Prefix(type), misRef, []);
        }

        var concerns = await session.LoadManyAsync<Concern>(ct, index.ConcernIds.ToArray());
        var readable = concerns
            .Where(c => ConcernReadAccess.ViewFor(actor, c) is ConcernView)
            .ToDictionary(c => c.Id);
        if (readable.Count == 0)
        {
            return new Chronology(PersonCases.Prefix(type), misRef, []);
        }

        var ids = readable.Keys.ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);

        var entries = events
            .Select(e => (Event: e, Line: ChronologyEntries.About(e.Data, misRef)))
            .Where(x => x.Line is not null)
            .Select(x => new ChronologyItem(
                x.Event.StreamId,
                readable[x.Event.StreamId].Kind,
                x.Event.Version,
                x.Line!.Type,
                x.Line.Entry,
                x.Line.OccurredAt,
                x.Event.Timestamp,
                x.Event.Timestamp - x.Line.OccurredAt > BackdatingTolerance && x.Line.Type != "concern-raised",
                x.Line.RecordedBy,
                x.Event.CorrelationId))
            .OrderBy(i => i.OccurredAt)
            .ThenBy(i => i.RecordedAt)
            .ToList();
        return new Chronology(PersonCases.Prefix(type), misRef, entries);
    }
}
