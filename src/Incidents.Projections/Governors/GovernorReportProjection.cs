using Incidents.Domain.Calendar;
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
        var page = GovernorSums.Apply(stored, events, calendar);
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
}
