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
        var byCase = events.GroupBy(e => e.StreamId).ToList();
        // Facts without a LastSequence were written by the projection before the sums existed: they were never
        // counted in a sum, and this projection folds every event from the start, so they start again from nothing.
        var known = (await operations.LoadManyAsync<GovernorCaseFacts>(cancellation, byCase.Select(c => c.Key).ToArray()))
            .Where(f => f.LastSequence > 0)
            .ToDictionary(f => f.Id);

        var changes = new Dictionary<string, GovernorTally>();
        void Count(GovernorCaseFacts facts, int sign)
        {
            var tally = GovernorTally.Of(facts);
            var raisedOn = calendar.LocalDate(facts.RaisedAt);
            foreach (var id in new[] { GovernorRollUp.MonthId(raisedOn), GovernorRollUp.DayId(raisedOn) })
            {
                (changes.TryGetValue(id, out var change) ? change : changes[id] = new GovernorTally()).Add(tally, sign);
            }
        }

        foreach (var caseEvents in byCase)
        {
            var before = known.GetValueOrDefault(caseEvents.Key);
            var after = caseEvents.Aggregate(before, GovernorCaseFacts.After);
            if (ReferenceEquals(before, after) || after is null)
            {
                continue;
            }

            if (before is not null)
            {
                Count(before, -1);
            }

            Count(after, 1);
            operations.Store(after);
        }

        var rollUps = (await operations.LoadManyAsync<GovernorRollUp>(cancellation, changes.Keys.ToArray())).ToDictionary(r => r.Id);
        foreach (var (id, change) in changes)
        {
            var rollUp = rollUps.GetValueOrDefault(id) ?? new GovernorRollUp { Id = id };
            rollUp.Tally.Add(change);
            operations.Store(rollUp);
        }
    }
}
