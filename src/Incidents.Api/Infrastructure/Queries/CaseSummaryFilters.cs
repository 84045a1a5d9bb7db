using System.Linq.Expressions;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Marten;

namespace Incidents.Api.Infrastructure.Queries;

/// <summary>
/// The kind and status filters the work queue and the MIS feed share, as predicates that both a Marten query and a
/// batched query take (the queue reads each lead role's page in one batch; the feed reads one query).
/// </summary>
public static class CaseSummaryFilters
{
    public static IEnumerable<Expression<Func<CaseSummary, bool>>> KindsAndStatuses(IReadOnlyList<ConcernKind> kinds, IReadOnlyList<ConcernStatus> statuses)
    {
        if (kinds.Count > 0)
        {
            var k = kinds.ToArray();
            yield return x => x.Kind.IsOneOf(k);
        }

        if (statuses.Count > 0)
        {
            var s = statuses.ToArray();
            yield return x => x.Status.IsOneOf(s);
        }
    }
}
