using Incidents.Api.Configuration;
using Incidents.Api.Infrastructure.Marten;
using Incidents.Domain.Calendar;
using Incidents.Domain.Concerns;
using Incidents.Domain.Identity;
using Incidents.Domain.Policy;
using Incidents.Projections.Governors;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public void A_report_adds_up_whole_months_and_the_days_of_the_months_it_cuts()
    {
        GovernorReports.RollUpIdsOf(new DateOnly(2026, 1, 30), new DateOnly(2026, 3, 2)).Should().Equal(
            (new DateOnly(2026, 1, 1), "2026-01-30"),
            (new DateOnly(2026, 1, 1), "2026-01-31"),
            (new DateOnly(2026, 2, 1), "2026-02"),
            (new DateOnly(2026, 3, 1), "2026-03-01"),
            (new DateOnly(2026, 3, 1), "2026-03-02"));
    }

    // The sums one page of events moves (GovernorSums), as the projection applies them.

    private static readonly SchoolCalendar London = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/London"), []);
    private static readonly PersonRef Teacher = new("staff-teacher-1", "Class Teacher");
    private static long _sequence = 1000;

    private static IEvent At<T>(Guid id, DateTimeOffset at, T data) where T : notnull =>
        new Event<T>(data) { StreamId = id, Timestamp = at, Sequence = Interlocked.Increment(ref _sequence) };

    private static IEvent Raise(Guid id, DateTimeOffset at, ConcernKind kind = ConcernKind.Cyberbullying) =>
        At(id, at, new ConcernRaised(id, kind, "summary", [new Subject("L-1", PersonType.Learner, Involvement.Affected)], at, Teacher,
            RoutingTable.SocialMediaPolicy2021.RouteFor(kind, [new Subject("L-1", PersonType.Learner, Involvement.Affected)], new SchoolRoles("staff-head-1", "gov-chair-1"))));

    private static IEvent Triage(Guid id, DateTimeOffset at) =>
        At(id, at, new ConcernTriaged(id, RiskLevel.Medium, TriageDecision.Investigate, "rationale", at, Teacher));

    [Fact]
    public void A_concern_raised_late_on_the_last_evening_of_May_counts_in_June_in_British_summer_time()
    {
        var id = Guid.NewGuid();

        var page = GovernorSums.Apply([], [Raise(id, new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero))], London);

        page.Sums.Keys.Should().BeEquivalentTo("2026-06", "2026-06-01");
        page.Sums.Values.Should().AllSatisfy(sum => sum.Raised.Should().Be(1));
        page.Facts.Should().ContainSingle().Which.CountedOn.Should().Be(new DateOnly(2026, 6, 1));
    }

    [Fact]
    public void A_page_delivered_twice_is_counted_once()
    {
        var id = Guid.NewGuid();
        var events = new[] { Raise(id, Raised), Triage(id, Raised.AddDays(1)) };
        var first = GovernorSums.Apply([], events, London);

        var again = GovernorSums.Apply(first.Facts, events, London);

        first.Sums["2026-03"].Raised.Should().Be(1);
        again.Facts.Should().BeEmpty();
        again.Sums.Should().BeEmpty();
    }

    [Fact]
    public void A_note_or_an_action_moves_no_sum_and_stores_nothing()
    {
        var id = Guid.NewGuid();
        var raised = GovernorSums.Apply([], [Raise(id, Raised)], London);

        var noted = GovernorSums.Apply(raised.Facts, [At(id, Raised.AddHours(1), new ChronologyNoteAdded(id, "Spoke to the learner", Raised, Teacher))], London);

        noted.Facts.Should().BeEmpty();
        noted.Sums.Should().BeEmpty();
    }

    [Fact]
    public void A_case_that_changes_leaves_the_sums_it_was_counted_in_with_the_tally_it_was_counted_with()
    {
        // As if the school's time zone or the redaction had changed since the case was counted: what leaves the sums
        // is what entered them, not what the case would be counted as today.
        var id = Guid.NewGuid();
        var raised = GovernorSums.Apply([], [Raise(id, Raised)], London).Facts.Single();
        var countedEarlier = raised with
        {
            CountedOn = new DateOnly(2026, 3, 1),
            Counted = GovernorTally.Of(raised with { Kind = ConcernKind.FilteringBreach }),
        };

        var page = GovernorSums.Apply([countedEarlier], [Triage(id, Raised.AddDays(1))], London);

        page.Sums["2026-03-01"].Raised.Should().Be(-1);
        page.Sums["2026-03-01"].Kinds.Should().Equal(new Dictionary<string, int> { ["filtering-breach"] = -1 });
        page.Sums["2026-03-02"].Raised.Should().Be(1);
        page.Sums["2026-03-02"].Kinds.Should().Equal(new Dictionary<string, int> { ["cyberbullying"] = 1 });
        page.Sums["2026-03"].Kinds.Should().Equal(new Dictionary<string, int> { ["filtering-breach"] = -1, ["cyberbullying"] = 1 });
        page.Sums["2026-03"].Raised.Should().Be(0);
        page.Facts.Single().Counted!.TenthsOfDaysToTriage.Should().Equal(new Dictionary<int, int> { [10] = 1 });
    }

    [Fact]
    public void Facts_stored_before_the_sums_existed_are_counted_from_nothing()
    {
        var id = Guid.NewGuid();
        var events = new[] { Raise(id, Raised), Triage(id, Raised.AddDays(1)) };
        var beforeTheSums = GovernorSums.Apply([], events, London).Facts.Single() with { LastSequence = 0, Counted = null, CountedOn = null };

        var page = GovernorSums.Apply([beforeTheSums], events, London);

        page.Sums["2026-03"].Raised.Should().Be(1, "the old facts were never in a sum, so nothing is taken away");
        page.Sums["2026-03"].TenthsOfDaysToTriage.Should().Equal(new Dictionary<int, int> { [10] = 1 });
    }

    [Fact]
    public void A_sum_refuses_to_give_up_a_case_it_never_had()
    {
        var month = new GovernorRollUp { Id = "2026-03" };
        var gone = new GovernorTally();
        gone.Add(GovernorTally.Of(Case()), -1);

        var refused = () => month.Add(gone);

        refused.Should().Throw<GovernorSumRefusedException>().WithMessage("*2026-03*below zero*raised = -1*rebuild*");
        month.Tally.IsEmpty.Should().BeTrue("a refused change leaves the sum as it was");
    }

    [Fact]
    public void The_event_store_classifies_a_refused_page_as_worth_retrying()
    {
        // The daemon pauses a projection whose page throws; only a transient failure is restarted (by Wolverine's
        // health check), anything else stays paused until the node restarts. GovernorSumRefusalTests shows the retry
        // end to end.
        new ServiceCollection().AddIncidentsEventStore("Host=localhost", new SchoolOptions(), applySchemaOnStart: false);
        var refusal = new GovernorSumRefusedException("The governors' sum 2026-03 would go below zero");

        ProjectionExceptions.IsExceptionTransient(refusal).Should().BeTrue();
        ProjectionExceptions.IsExceptionTransient(new InvalidOperationException("a bug")).Should().BeFalse("other projection errors keep the default");
    }

    private static GovernorReport Report(GovernorTally march) =>
        GovernorReports.Build(
            new GovernorReportRequest("School", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Raised.AddDays(30), 5, "DSL", "Governor",
                new DateOnly(2027, 1, 1), new SchoolCalendar(TimeZoneInfo.Utc, [])),
            new Dictionary<DateOnly, GovernorTally> { [new DateOnly(2026, 3, 1)] = march });
}
