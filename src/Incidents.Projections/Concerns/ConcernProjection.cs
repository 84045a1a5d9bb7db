using Incidents.Domain.Concerns;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Incidents.Projections.Concerns;

/// <summary>
/// The case document: the domain's own fold, kept inline so a writer reads back what it wrote at once and
/// the aggregate is loaded for the next command without replaying the stream.
/// </summary>
public sealed partial class ConcernProjection : SingleStreamProjection<Concern, Guid>
{
    public override Concern? Evolve(Concern? snapshot, Guid id, IEvent e) =>
        Concern.Evolve(snapshot, e.Data) with { Version = e.Version };
}
