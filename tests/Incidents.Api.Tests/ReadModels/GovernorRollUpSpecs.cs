using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Policy;
using Incidents.Projections.Governors;

namespace Incidents.Api.Tests.ReadModels;

/// <summary>
/// The sums behind the governors' report, without a database: a month's sum, kept up to date by taking each case
/// away as it was and adding it as it is, must always equal the sum of what every case is now.
/// </summary>
public sealed class GovernorRollUpSpecs
{
    private static readonly DateTimeOffset Raised = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static GovernorCaseFacts Case(ConcernKind kind = ConcernKind.Cyberbullying) =>
        new() { Id = Guid.NewGuid(), Kind = kind, LedBy = LeadRole.Dsl, RaisedAt = Raised };

    [Fact]
    public void A_month_kept_by_replacing_each_case_as_it_changes_equals_the_sum_of_the_cases_as_they_are_now()
    {
        var raised = Case();
        var triaged = raised with { FirstTriagedAt = Raised.AddDays(1), AdviceSoughtFrom = ["Education Safeguarding Service"] };
        var closed = triaged with
        {
            ClosedAt = Raised.AddDays(4),
            ClosureOutcome = ClosureOutcome.Resolved,
            InvestigationOutcome = InvestigationOutcome.Substantiated,
            ReferredTo = [ReferralAgency.Police],
            DebriefsHeld = 1,
            LessonsLearnt = ["Check filtering reports weekly"],
            ProposedChanges = [new ProposedChange(ProposedChangeKind.Policy, "Weekly filtering check", "DSL")],
        };
        var other = Case(ConcernKind.FilteringBreach);

        var month = GovernorTally.Of(raised);
        month.Add(GovernorTally.Of(other));
        foreach (var (was, now) in new[] { (raised, triaged), (triaged, closed) })
        {
            month.Add(GovernorTally.Of(was), -1);
            month.Add(GovernorTally.Of(now));
        }

        month.Should().BeEquivalentTo(GovernorTally.Sum([GovernorTally.Of(closed), GovernorTally.Of(other)]));
        month.Raised.Should().Be(2);
        month.Outcomes.Should().BeEquivalentTo(new Dictionary<string, int> { ["open"] = 1, ["closed-resolved"] = 1 });
        month.TenthsOfDaysToTriage.Should().BeEquivalentTo(new Dictionary<int, int> { [10] = 1 }, "the open case was never triaged");
    }

    [Fact]
    public void Debrief_text_is_redacted_of_the_case_names_before_it_is_counted_and_lines_differing_in_case_count_once()
    {
        var named = Case() with
        {
            Identifiers = ["Anna", "Anna Smith", "L-42"],
            DebriefsHeld = 1,
            LessonsLearnt = ["Anna Smith (L-42) found a proxy; anna told staff"],
        };
        var another = Case() with { DebriefsHeld = 1, LessonsLearnt = ["check FILTERING reports weekly"] };
        var third = Case() with { DebriefsHeld = 1, LessonsLearnt = ["Check filtering reports weekly"] };

        var sum = GovernorTally.Sum(new[] { named, another, third }.Select(GovernorTally.Of));

        sum.LessonsLearnt.Keys.Should().BeEquivalentTo("[redacted] ([redacted]) found a proxy; [redacted] told staff", "check FILTERING reports weekly");
        sum.LessonsLearnt["Check filtering reports weekly"].Should().Be(2);
        sum.DebriefsHeld.Should().Be(3);
    }

    [Theory]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 10.0 }, 3.0, 10.0)]
    [InlineData(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 3.5, 6.0)]
    [InlineData(new[] { 0.04, 0.26, 0.26, 0.3, 2.0, 2.0, 2.0, 2.0, 2.0, 9.0 }, 2.0, 2.0)]
    public void Response_times_are_the_median_and_90th_percentile_of_the_days_to_the_nearest_tenth(double[] daysToTriage, double median, double percentile90)
    {
        var cases = daysToTriage.Select(days => Case() with { FirstTriagedAt = Raised.AddDays(days) });

        var report = Report(GovernorTally.Sum(cases.Select(GovernorTally.Of)));

        report.RaiseToTriage.Concerns.Value.Should().Be(daysToTriage.Length);
        report.RaiseToTriage.MedianDays.Should().Be(median);
        report.RaiseToTriage.Percentile90Days.Should().Be(percentile90);
        report.RaiseToClose.MedianDays.Should().BeNull("none closed");
    }

    [Fact]
    public void A_period_is_whole_months_and_the_parts_of_the_months_it_cuts()
    {
        GovernorReports.MonthsOf(new DateOnly(2026, 1, 15), new DateOnly(2026, 3, 31)).Should().Equal(
            (new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 15), new DateOnly(2026, 1, 31)),
            (new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)),
            (new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));
        GovernorReports.MonthsOf(new DateOnly(2026, 5, 3), new DateOnly(2026, 5, 4)).Should().Equal(
            (new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 3), new DateOnly(2026, 5, 4)));
    }

    private static GovernorReport Report(GovernorTally march) =>
        GovernorReports.Build(
            new GovernorReportRequest("School", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Raised.AddDays(30), 5, "DSL", "Governor",
                new DateOnly(2027, 1, 1), new SchoolCalendar(TimeZoneInfo.Utc, [])),
            new Dictionary<DateOnly, GovernorTally> { [new DateOnly(2026, 3, 1)] = march });
}
