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
/// A person's chronology across every concern they are a subject of, at the level the caller may read each: the index
/// comes from the <see cref="PersonCases"/> projection, the entries straight from the events, in the order things
/// happened.
/// </summary>
public static class PersonChronology
{
    /// <summary>Entries recorded more than this long after they happened are flagged as backdated.</summary>
    public static readonly TimeSpan BackdatingTolerance = TimeSpan.FromHours(1);

    public static async Task<Chronology> ReadAsync(IQuerySession session, Actor actor, PersonType type, string misRef, CancellationToken ct)
    {
        var none = new Chronology(PersonCases.Prefix(type), misRef, []);
        var index = await session.LoadAsync<PersonCases>(PersonCases.KeyFor(type, misRef), ct);
        if (index is null || index.ConcernIds.Count == 0)
        {
            return none;
        }

        // Each concern at the level the domain gives the caller: in full, or (the DSL on a case someone else leads, an
        // allegation or a staff case) the child's side of a learner. The case itself decides who is on it, so a subject removed a moment ago is gone even before
        // the index catches up.
        var concerns = await session.LoadManyAsync<Concern>(ct, index.ConcernIds.ToArray());
        var readable = concerns
            .Where(c => c.Subjects.Any(s => s.Is(misRef) && PersonCases.Prefix(s.Type) == PersonCases.Prefix(type)))
            .Select(c => (Concern: c, Level: CaseAccess.ReadLevelFor(actor, c)))
            .Where(x => x.Level == ReadLevel.Full || (x.Level == ReadLevel.ChildSide && type == PersonType.Learner))
            .ToDictionary(x => x.Concern.Id);
        if (readable.Count == 0)
        {
            return none;
        }

        var ids = readable.Keys.ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId.IsOneOf(ids))
            .OrderBy(e => e.Sequence)
            .ToListAsync(ct);

        var lines = events
            .Select(e => (Event: e, Line: readable[e.StreamId] is var (concern, level) && level == ReadLevel.Full
                ? ChronologyEntries.About(e.Data, concern.RefsOf(misRef))
                : ChronologyEntries.ChildSideAbout(e.Data, e.Version, concern, misRef)))
            .Where(x => x.Line is not null)
            .ToList();

        // A correction shows where the entry it corrects shows; the original stays beside it.
        var shown = lines.Where(x => x.Line!.Type != ChronologyEntries.Correction).Select(x => (x.Event.StreamId, x.Event.Version)).ToHashSet();
        var entries = lines
            .Where(x => x.Event.Data is not EntryAmended amended || shown.Contains((x.Event.StreamId, amended.AmendsVersion)))
            .Select(x => new ChronologyItem(
                x.Event.StreamId,
                readable[x.Event.StreamId].Concern.Kind,
                x.Event.Version,
                x.Line!.Type,
                x.Line.Entry,
                x.Line.OccurredAt,
                x.Event.Timestamp,
                x.Event.Timestamp - x.Line.OccurredAt > BackdatingTolerance && x.Line.Type is not ("concern-raised" or ChronologyEntries.ChildInAllegation),
                x.Line.RecordedBy,
                x.Event.CorrelationId))
            .OrderBy(i => i.OccurredAt)
            .ThenBy(i => i.RecordedAt)
            .ToList();
        return new Chronology(PersonCases.Prefix(type), misRef, entries);
    }
}
