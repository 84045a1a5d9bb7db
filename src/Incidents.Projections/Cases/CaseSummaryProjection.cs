using Incidents.Domain.Calendar;
using Incidents.Domain.Clocks;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Incidents.Projections.Cases;

/// <summary>
/// Async: keeps <see cref="CaseSummary"/> for the work queue and the MIS feed, with deadlines on the school calendar as
/// this node last read it (the queue works the shown due dates out again at read time, docs/architecture.md). Each case
/// it moves is told to the clocks (<see cref="CaseClocksChanged"/>), in the projection's own transaction.
/// </summary>
public sealed partial class CaseSummaryProjection : SingleStreamProjection<CaseSummary, Guid>
{
    private readonly Func<SchoolCalendar> _calendar;
    private readonly ResponseTargets _targets;

    public CaseSummaryProjection(Func<SchoolCalendar> calendar, ResponseTargets targets)
    {
        _calendar = calendar;
        _targets = targets;
        Name = nameof(CaseSummary);

        // Rebuilding or catching up, bigger pages mean fewer loads and writes of the same cases (docs/benchmarks.md).
        Options.BatchSize = 2500;
    }

    public CaseSummaryProjection(SchoolCalendar calendar, ResponseTargets targets)
        : this(() => calendar, targets)
    {
    }

    public override CaseSummary? Evolve(CaseSummary? snapshot, Guid id, IEvent e) => CaseSummary.After(snapshot, e, _calendar(), _targets);

    // Only while running continuously, never in a rebuild: the clocks' scheduler decides from the summary what to schedule.
    public override ValueTask RaiseSideEffects(IDocumentOperations operations, IEventSlice<CaseSummary> slice)
    {
        if (slice.Snapshot is { } summary)
        {
            slice.PublishMessage(new CaseClocksChanged(summary.Id));
        }

        return ValueTask.CompletedTask;
    }
}
