using System.Linq.Expressions;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Marten;

namespace Incidents.Api.Infrastructure.Queries;

/// <summary>
/// The kind and status filters of the work queue and the MIS feed, as predicates that both a Marten query and a
/// batched query take. The feed takes both; the queue takes the kinds and reads each status apart, off its own index.
/// Each is fixed when made: a caller's list changed later changes nothing.
/// </summary>
public static class CaseSummaryFilters
{
    public static IReadOnlyList<Expression<Func<CaseSummary, bool>>> KindsAndStatuses(IReadOnlyList<ConcernKind> kinds, IReadOnlyList<ConcernStatus> statuses) =>
        [.. Kinds(kinds), .. Statuses(statuses)];

    public static IReadOnlyList<Expression<Func<CaseSummary, bool>>> Kinds(IReadOnlyList<ConcernKind> kinds)
    {
        if (kinds.Count == 0)
        {
            return [];
        }

        var k = kinds.ToArray();
        return [x => x.Kind.IsOneOf(k)];
    }

    private static IReadOnlyList<Expression<Func<CaseSummary, bool>>> Statuses(IReadOnlyList<ConcernStatus> statuses)
    {
        if (statuses.Count == 0)
        {
            return [];
        }

        var s = statuses.ToArray();
        return [x => x.Status.IsOneOf(s)];
    }
}
