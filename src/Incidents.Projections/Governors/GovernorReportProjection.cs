using Incidents.Domain.Calendar;
using Incidents.Projections.People;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Incidents.Projections.Governors;

/// <summary>
/// Async: the anonymised facts of each concern (<see cref="GovernorCaseFacts"/>) and, in the same transaction, the
/// sums the governors' report adds up (<see cref="GovernorRollUp"/>, for the month and the day the concern was raised
/// in school time). When a case changes, its old tally leaves them and its new one enters, so a report over three
/// years reads at most 36 months and 60 days of sums instead of every case (docs/benchmarks.md).
/// </summary>
public sealed class GovernorReportProjection(SchoolCalendar calendar) : IProjection
{
    public const string Name = "GovernorReport";

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        // The daemon hands over one page at a time and commits it before the next, so what is loaded is current.
        var stored = await operations.LoadManyAsync<GovernorCaseFacts>(cancellation, events.Select(e => e.StreamId).Distinct().ToArray());
        var references = stored.SelectMany(f => f.Identifiers).Concat(events.SelectMany(e => PersonCasesEvents.SubjectsOf(e.Data).Select(s => s.MisRef)));
        var page = GovernorSums.Apply(stored, events, calendar, await PeopleNamesAsync(operations, references, cancellation));
        foreach (var facts in page.Facts)
        {
            operations.Store(facts);
        }

        if (page.Sums.Count == 0)
        {
            return; // notes, actions and the like change no count
        }

        var rollUps = (await operations.LoadManyAsync<GovernorRollUp>(cancellation, page.Sums.Keys.ToArray())).ToDictionary(r => r.Id);
        foreach (var (id, change) in page.Sums)
        {
            var rollUp = rollUps.GetValueOrDefault(id) ?? new GovernorRollUp { Id = id };
            rollUp.Add(change);
            operations.Store(rollUp);
        }
    }

    /// <summary>
    /// Every name the people with these references go by (directory entries, and people named by name on a case), in one
    /// round trip: whole names only, as a single given name would also match ordinary words in a lesson.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> PeopleNamesAsync(IQuerySession session, IEnumerable<string> references,
        CancellationToken ct)
    {
        // The identifiers gathered include names as well as references: only what could be a reference is looked up.
        var people = await PeopleOnRecord.LoadAsync(session, references.Where(r => r.Trim().Length <= 64), ct);
        var names = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var person in people.Listed)
        {
            names[person.Id] = new[] { person.DisplayName, $"{person.GivenName} {person.FamilyName}".Trim() }.Distinct().ToList();
        }

        foreach (var person in people.Unlisted)
        {
            names[person.Id] = [person.Name];
        }

        return names;
    }
}
