using System.Linq.Expressions;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Marten;

namespace Incidents.Api.Infrastructure.Queries;

/// <summary>
/// The kind and status filters the work queue and the MIS feed share, as predicates that both a Marten query and a
/// batched query take (the queue reads each lead role's page in one batch, and each status's when filtered by status;
/// the feed reads one query).
/// </summary>
public static class CaseSummaryFilters
{
    public static IEnumerable<Expression<Func<CaseSummary, bool>>> KindsAndStatuses(IReadOnlyList<ConcernKind> kinds, IReadOnlyList<ConcernStatus> statuses) =>
        Kinds(kinds).Concat(Statuses(statuses));

    public static IEnumerable<Expression<Func<CaseSummary, bool>>> Kinds(IReadOnlyList<ConcernKind> kinds)
    {
        if (kinds.Count > 0)
        {
            var k = kinds.ToArray();
            yield return x => x.Kind.IsOneOf(k);
        }
    }

    public static IEnumerable<Expression<Func<CaseSummary, bool>>> Statuses(IReadOnlyList<ConcernStatus> statuses)
    {
        if (statuses.Count > 0)
        {
            var s = statuses.ToArray();
            yield return x => x.Status.IsOneOf(s);
        }
    }
}
