using Incidents.Api.Infrastructure.Queries;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Cases;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// The kind and status filters of the DSL's work queue and the MIS feed, and the parts the queue reads apart, without
/// a database: each predicate is
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

    public static TheoryData<ConcernKind[], ConcernStatus[]> QueueFilters => new()
    {
        { [], [] },
        { [ConcernKind.Cyberbullying], [] },
        { [ConcernKind.Cyberbullying, ConcernKind.FilteringBreach, ConcernKind.Cyberbullying], [] },
        { [], [ConcernStatus.Raised, ConcernStatus.UnderInvestigation, ConcernStatus.Raised] },
        { [], [ConcernStatus.Raised, ConcernStatus.Closed] },
        { [ConcernKind.Cyberbullying], [ConcernStatus.Raised, ConcernStatus.UnderInvestigation] },
        { [ConcernKind.Cyberbullying, ConcernKind.FilteringBreach, ConcernKind.UnderageUse], [ConcernStatus.Raised, ConcernStatus.Monitoring] },
        { Enum.GetValues<ConcernKind>(), Enum.GetValues<ConcernStatus>() },
    };

    [Theory]
    [MemberData(nameof(QueueFilters))]
    public void The_queue_parts_hold_every_open_case_the_filter_keeps_each_in_one_part_only(ConcernKind[] kinds, ConcernStatus[] statuses)
    {
        var open = Enum.GetValues<ConcernKind>()
            .SelectMany(kind => Enum.GetValues<ConcernStatus>().Where(s => s != ConcernStatus.Closed).Select(status => Summary(kind, status)))
            .ToList();
        var parts = CaseSummaryFilters.QueueParts(kinds, statuses).Select(part => part.Select(p => p.Compile()).ToList()).ToList();

        var inParts = open.Select(c => parts.Count(part => part.All(p => p(c)))).ToList();
        inParts.Should().OnlyContain(n => n <= 1, "no case is read twice");
        open.Where((_, i) => inParts[i] == 1).Should().BeEquivalentTo(open.Where(c =>
            (kinds.Length == 0 || kinds.Contains(c.Kind)) && (statuses.Length == 0 || statuses.Contains(c.Status))));
    }

    [Fact]
    public void The_queue_reads_each_status_or_each_kind_apart_splitting_the_shorter_list_when_both_are_given()
    {
        CaseSummaryFilters.QueueParts([], []).Should().ContainSingle().Which.Should().BeEmpty("no filter: one part, the whole queue");
        CaseSummaryFilters.QueueParts([], [ConcernStatus.Raised, ConcernStatus.Monitoring, ConcernStatus.Raised]).Should().HaveCount(2);
        CaseSummaryFilters.QueueParts([ConcernKind.Cyberbullying, ConcernKind.FilteringBreach, ConcernKind.UnderageUse], []).Should().HaveCount(3);
        CaseSummaryFilters.QueueParts([ConcernKind.Cyberbullying, ConcernKind.FilteringBreach], [ConcernStatus.Raised]).Should().ContainSingle();
        CaseSummaryFilters.QueueParts([ConcernKind.Cyberbullying], [ConcernStatus.Raised, ConcernStatus.Monitoring]).Should().ContainSingle();
        CaseSummaryFilters.QueueParts([ConcernKind.Cyberbullying], [ConcernStatus.Closed]).Should().BeEmpty("a closed case is never on the queue");
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
