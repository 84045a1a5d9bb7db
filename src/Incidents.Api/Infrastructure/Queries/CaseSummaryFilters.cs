using System.Linq.Expressions;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;
using Marten;

namespace Incidents.Api.Infrastructure.Queries;

/// <summary>
/// The kind and status filters of the work queue and the MIS feed, as predicates that both a Marten query and a
/// batched query take. The feed takes both at once; the queue reads each status, or each kind, apart
/// (<see cref="QueueParts"/>). Each is fixed when made: a caller's list changed later changes nothing.
/// </summary>
public static class CaseSummaryFilters
{
    public static IReadOnlyList<Expression<Func<CaseSummary, bool>>> KindsAndStatuses(IReadOnlyList<ConcernKind> kinds, IReadOnlyList<ConcernStatus> statuses) =>
        [.. Kinds(kinds), .. Statuses(statuses)];

    /// <summary>
    /// The parts of a lead role's queue read apart, each a list of predicates that all apply: one part per status asked
    /// for, or per kind, so that each is one range of an index over open cases in queue order, (lead role, status, queue
    /// key) or (lead role, kind, queue key). Filtered by both, the shorter list is split and the other filters within
    /// each part. One unfiltered part without a filter; none when only "closed" is asked for (never on the queue).
    /// No two parts hold the same case.
    /// </summary>
    /// <remarks>
    /// One query for several statuses or kinds read the queue's index in order and skipped every open case of the role
    /// not asked for before the first it wanted (docs/benchmarks.md).
    /// </remarks>
    public static IReadOnlyList<IReadOnlyList<Expression<Func<CaseSummary, bool>>>> QueueParts(IReadOnlyList<ConcernKind> kinds, IReadOnlyList<ConcernStatus> statuses)
    {
        var k = kinds.Distinct().ToList();
        var s = statuses.Distinct().Where(status => status != ConcernStatus.Closed).ToList();
        if (statuses.Count > 0 && s.Count == 0)
        {
            return [];
        }

        if (s.Count > 0 && (k.Count == 0 || s.Count <= k.Count))
        {
            return s.Select(IReadOnlyList<Expression<Func<CaseSummary, bool>>> (only) => [x => x.Status == only, .. Kinds(k)]).ToList();
        }

        if (k.Count > 0)
        {
            return k.Select(IReadOnlyList<Expression<Func<CaseSummary, bool>>> (only) => [x => x.Kind == only, .. Statuses(s)]).ToList();
        }

        return [[]];
    }

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
