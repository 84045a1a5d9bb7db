using Incidents.Domain.Calendar;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Incidents.Projections.Cases;

/// <summary>Async: keeps <see cref="CaseSummary"/> for the work queue and the MIS feed, with deadlines on the school calendar.</summary>
public sealed partial class CaseSummaryProjection : SingleStreamProjection<CaseSummary, Guid>
{
    private readonly SchoolCalendar _calendar;
    private readonly ResponseTargets _targets;

    public CaseSummaryProjection(SchoolCalendar calendar, ResponseTargets targets)
    {
        _calendar = calendar;
        _targets = targets;
        Name = nameof(CaseSummary);

        // Rebuilding or catching up, bigger pages mean fewer loads and writes of the same cases (docs/benchmarks.md).
        Options.BatchSize = 2500;
    }

    public override CaseSummary? Evolve(CaseSummary? snapshot, Guid id, IEvent e) => CaseSummary.After(snapshot, e, _calendar, _targets);
}
