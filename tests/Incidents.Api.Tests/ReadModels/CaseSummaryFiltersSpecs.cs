using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// The kind and status filters of the DSL's work queue and the MIS feed, without a database: each predicate is
/// compiled and applied to case summaries in memory (WorkQueueTests and MisSynchronisationTests run them through
/// Marten).
/// </summary>
public sealed class CaseSummaryFiltersSpecs
{
    private static readonly CaseSummary[] Cases =
    [
        Summary(ConcernKind.Cyberbullying, ConcernStatus.Raised),
        Summary(ConcernKind.Cyberbullying, ConcernStatus.UnderInvestigation),
        Summary(ConcernKind.FilteringBreach, ConcernStatus.Raised),
        Summary(ConcernKind.StaffMisconduct, ConcernStatus.Closed),
    ];

    private static CaseSummary Summary(ConcernKind kind, ConcernStatus status) => new() { Id = Guid.NewGuid(), Kind = kind, Status = status };

    private static CaseSummary[] Kept(IReadOnlyList<ConcernKind> kinds, IReadOnlyList<ConcernStatus> statuses)
    {
        var predicates = CaseSummaryFilters.KindsAndStatuses(kinds, statuses).Select(p => p.Compile()).ToList();
        return Cases.Where(c => predicates.All(p => p(c))).ToArray();
    }

    [Fact]
    public void No_kinds_and_no_statuses_filter_nothing()
    {
        CaseSummaryFilters.KindsAndStatuses([], []).Should().BeEmpty();
    }

    [Fact]
    public void Several_kinds_keep_a_case_of_any_of_them_whatever_its_status()
    {
        Kept([ConcernKind.Cyberbullying, ConcernKind.StaffMisconduct], []).Select(c => (c.Kind, c.Status)).Should().BeEquivalentTo(new[]
        {
            (ConcernKind.Cyberbullying, ConcernStatus.Raised),
            (ConcernKind.Cyberbullying, ConcernStatus.UnderInvestigation),
            (ConcernKind.StaffMisconduct, ConcernStatus.Closed),
        });
    }

    [Fact]
    public void Kinds_and_statuses_together_keep_only_cases_that_match_both()
    {
        Kept([ConcernKind.Cyberbullying, ConcernKind.FilteringBreach], [ConcernStatus.Raised]).Select(c => (c.Kind, c.Status)).Should().BeEquivalentTo(new[]
        {
            (ConcernKind.Cyberbullying, ConcernStatus.Raised),
            (ConcernKind.FilteringBreach, ConcernStatus.Raised),
        });
    }

    [Fact]
    public void A_filter_is_fixed_when_made_so_a_caller_changing_its_list_later_changes_nothing()
    {
        var statuses = new List<ConcernStatus> { ConcernStatus.Closed };
        var predicates = CaseSummaryFilters.KindsAndStatuses([], statuses);
        statuses[0] = ConcernStatus.Raised;

        Cases.Where(predicates.Single().Compile()).Should().ContainSingle().Which.Status.Should().Be(ConcernStatus.Closed);
    }
}
