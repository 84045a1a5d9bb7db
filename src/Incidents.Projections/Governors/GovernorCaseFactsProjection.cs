using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Incidents.Projections.Governors;

/// <summary>Async: the anonymised facts the governors' report counts.</summary>
public sealed partial class GovernorCaseFactsProjection : SingleStreamProjection<GovernorCaseFacts, Guid>
{
    public GovernorCaseFactsProjection() => Name = nameof(GovernorCaseFacts);

    public override GovernorCaseFacts? Evolve(GovernorCaseFacts? snapshot, Guid id, IEvent e) => GovernorCaseFacts.After(snapshot, e);
}
