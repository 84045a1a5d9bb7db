using Incidents.Domain.Calendar;
using JasperFx.Events;

namespace Incidents.Projections.Governors;

/// <summary>
/// What one page of events does to the governors' facts and sums, worked out without a database: the facts of each
/// case that changed, and how much every month and day sum (<see cref="GovernorRollUp"/>) moves. A case that changes
/// takes away the tally it was counted with (<see cref="GovernorCaseFacts.Counted"/>) and adds its new one.
/// </summary>
public static class GovernorSums
{
    public sealed record PageChanges(IReadOnlyList<GovernorCaseFacts> Facts, IReadOnlyDictionary<string, GovernorTally> Sums);

    /// <param name="stored">The facts already stored for the cases of the page (any others are ignored).</param>
    /// <param name="names">
    /// The names people on the cases go by, by reference (from the directory, or as someone not in it was named): they
    /// live beside the stream, not in it, and are redacted from what the governors read like the names on the events.
    /// </param>
    public static PageChanges Apply(IEnumerable<GovernorCaseFacts> stored, IReadOnlyList<IEvent> events, SchoolCalendar calendar,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? names = null)
    {
        // Facts without a LastSequence were written before the sums existed: never counted, and the page's events
        // are folded from the start of the stream, so they start again from nothing.
        var known = stored.Where(f => f.LastSequence > 0).ToDictionary(f => f.Id);
        var facts = new List<GovernorCaseFacts>();
        var sums = new Dictionary<string, GovernorTally>();
        void Move(DateOnly day, GovernorTally tally, int sign)
        {
            foreach (var id in new[] { GovernorRollUp.MonthId(day), GovernorRollUp.DayId(day) })
            {
                (sums.TryGetValue(id, out var sum) ? sum : sums[id] = new GovernorTally()).Add(tally, sign);
            }
        }

        foreach (var caseEvents in events.GroupBy(e => e.StreamId))
        {
            var before = known.GetValueOrDefault(caseEvents.Key);
            var after = caseEvents.Aggregate(before, GovernorCaseFacts.After);
            if (ReferenceEquals(before, after) || after is null)
            {
                continue;
            }

            after = WithNames(after, names);

            if (before is not null)
            {
                // Facts stored before Counted was kept were counted with the tally they give now.
                Move(before.CountedOn ?? calendar.LocalDate(before.RaisedAt), before.Counted ?? GovernorTally.Of(before), -1);
            }

            var tally = GovernorTally.Of(after);
            var raisedOn = calendar.LocalDate(after.RaisedAt);
            Move(raisedOn, tally, 1);
            facts.Add(after with { Counted = tally, CountedOn = raisedOn });
        }

        return new PageChanges(facts, sums.Where(s => !s.Value.IsEmpty).ToDictionary());
    }

    private static GovernorCaseFacts WithNames(GovernorCaseFacts facts, IReadOnlyDictionary<string, IReadOnlyList<string>>? names)
    {
        var known = names is null ? [] : facts.Identifiers.SelectMany(i => names.GetValueOrDefault(i.Trim().ToLowerInvariant()) ?? []).ToList();
        return known.All(n => facts.Identifiers.Contains(n, StringComparer.OrdinalIgnoreCase))
            ? facts
            : facts with { Identifiers = [.. facts.Identifiers.Union(known, StringComparer.OrdinalIgnoreCase)] };
    }
}
